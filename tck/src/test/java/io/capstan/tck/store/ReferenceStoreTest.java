package io.capstan.tck.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.KeyRange;
import io.capstan.spi.store.LeaseNotFoundException;
import io.capstan.spi.store.Op;
import io.capstan.spi.store.TxnRequest;
import io.capstan.spi.store.WatchEvent;
import io.capstan.spi.store.WatchRequest;
import io.capstan.spi.store.WatchResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What only the reference store offers: time by hand, progress on request, reopening. */
class ReferenceStoreTest {

  private final ManualClock clock = new ManualClock();
  private final ReferenceStore store = ReferenceStore.withClock(clock);

  @AfterEach
  void close() {
    store.close();
  }

  private static Bytes b(String s) {
    return Bytes.utf8(s);
  }

  @Test
  void leasesExpireExactlyWhenTheManualClockPassesTheirTtl() {
    store.start();
    long id = store.grantLease(10).id();
    store.txn(TxnRequest.of(Op.put(b("/k"), b("v")).withLease(id)));
    WatchRecorder recorder = new WatchRecorder();
    store.watch(WatchRequest.of(KeyRange.all()), recorder);

    clock.advance(Duration.ofMillis(9_999));
    assertThat(store.expireLeases()).isZero();
    assertThat(store.timeToLive(id, true).orElseThrow().remainingTtlSeconds()).isEqualTo(1);
    store.keepAlive(id);
    clock.advance(Duration.ofSeconds(9));
    assertThat(store.get(b("/k"))).as("renewed 9 s ago with a 10 s TTL").isPresent();
    clock.advance(Duration.ofSeconds(1));
    assertThat(store.expireLeases()).isEqualTo(1);
    assertThat(store.get(b("/k"))).isEmpty();
    assertThat(store.currentRevision()).isEqualTo(2);
    recorder.awaitRevision(2, Duration.ofSeconds(5));
    assertThat(recorder.events()).containsExactly(WatchEvent.delete(b("/k"), 2));
    assertThatThrownBy(() -> store.keepAlive(id)).isInstanceOf(LeaseNotFoundException.class);
  }

  @Test
  void anyCallExpiresDueLeasesFirst() {
    store.start();
    long id = store.grantLease(1).id();
    store.txn(TxnRequest.of(Op.put(b("/k"), b("v")).withLease(id)));
    clock.advance(Duration.ofSeconds(1));
    assertThat(store.currentRevision()).as("the expiry is a write").isEqualTo(2);
  }

  @Test
  void requestedProgressComesOnceTheWatchHasCaughtUp() {
    store.start();
    store.put(b("/a"), b("1"));
    WatchRecorder recorder = new WatchRecorder();
    store.watch(WatchRequest.of(KeyRange.prefix(b("/b"))).fromRevision(1), recorder);
    store.put(b("/a"), b("2"));
    store.requestProgress();
    WatchRecorder.waitFor("progress", Duration.ofSeconds(5))
        .until(() -> !recorder.responses().isEmpty());
    assertThat(recorder.responses()).containsExactly(new WatchResponse.Progress(2));
  }

  @Test
  void reopenKeepsEverythingButWatches() {
    store.start();
    store.put(b("/a"), b("1"));
    long id = store.grantLease(30, 7).id();
    store.compact(1);
    assertThatIllegalStateException().as("only a closed store's data").isThrownBy(store::reopen);
    store.close();
    ReferenceStore again = store.reopen();
    again.start();
    try {
      assertThat(again.currentRevision()).isEqualTo(1);
      assertThat(again.compactRevision()).isEqualTo(1);
      assertThat(again.timeToLive(id, false)).isPresent();
      assertThatIllegalArgumentException().isThrownBy(() -> again.grantLease(30, 7));
    } finally {
      again.close();
    }
  }

  @Test
  void callsBeforeStartAreRefused() {
    assertThatIllegalStateException().isThrownBy(store::currentRevision)
        .withMessageContaining("not been started");
    assertThatIllegalArgumentException().isThrownBy(() -> {
      store.start();
      store.put(b("/big"), Bytes.copyOf(new byte[ReferenceStore.MAX_VALUE_BYTES + 1]));
    });
    assertThat(store.currentRevision()).isZero();
  }
}
