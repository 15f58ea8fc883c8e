package io.capstan.plugins.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.Compare;
import io.capstan.spi.store.FutureRevisionException;
import io.capstan.spi.store.KeyRange;
import io.capstan.spi.store.KeyValue;
import io.capstan.spi.store.Op;
import io.capstan.spi.store.RangeRequest;
import io.capstan.spi.store.TxnRequest;
import io.capstan.spi.store.TxnResult;
import io.capstan.spi.store.WatchRequest;
import io.capstan.spi.store.WatchResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Nothing of a batch is visible before its append returns: readers read the committed revision. */
class UncommittedWritesTest {

  private final PooledTaskExecutor executor = new PooledTaskExecutor(2, Duration.ofSeconds(1));
  private final GatedPersistence persistence = new GatedPersistence();
  private TestStore store;

  @BeforeEach
  void open() {
    store = new TestStore(MvccOptions.forTests("test"), persistence, new WallClock(), executor);
    store.start();
  }

  @AfterEach
  void close() throws InterruptedException {
    persistence.release();
    store.close();
    executor.close();
  }

  @Test
  void readersDoNotSeeAWriteWhileItsSyncRuns() throws Exception {
    Bytes a = Bytes.utf8("/u/a");
    Bytes b = Bytes.utf8("/u/b");
    store.put(a, Bytes.utf8("1"));
    List<WatchResponse> seen = new CopyOnWriteArrayList<>();
    store.watch(WatchRequest.of(KeyRange.prefix(Bytes.utf8("/u/"))), seen::add);

    persistence.hold();
    CompletableFuture<TxnResult> pending = CompletableFuture.supplyAsync(() -> store.txn(
        TxnRequest.of(Op.put(a, Bytes.utf8("2")), Op.put(b, Bytes.utf8("new")))));
    await().until(() -> persistence.blocked() == 1);

    assertThat(store.currentRevision()).isEqualTo(1);
    assertThat(store.get(a)).map(KeyValue::value).contains(Bytes.utf8("1"));
    assertThat(store.get(b)).isEmpty();
    assertThat(store.range(RangeRequest.of(KeyRange.prefix(Bytes.utf8("/u/")))).count())
        .isEqualTo(1);
    TxnResult readOnly = store.txn(TxnRequest.when(Compare.value(a).equal(Bytes.utf8("1")))
        .then(Op.get(b)).build());
    assertThat(readOnly.succeeded()).as("compares of a read-only txn see committed data").isTrue();
    assertThat(readOnly.rangeResult(0).kvs()).isEmpty();
    assertThatThrownBy(() -> store.get(a, 2)).isInstanceOf(FutureRevisionException.class);
    assertThat(pending).isNotDone();
    assertThat(seen).as("no watch event before the commit").isEmpty();

    persistence.release();
    assertThat(pending.get(10, TimeUnit.SECONDS).revision()).isEqualTo(2);
    assertThat(store.get(a)).map(KeyValue::value).contains(Bytes.utf8("2"));
    assertThat(store.get(b)).map(KeyValue::modRevision).contains(2L);
    await().until(() -> !seen.isEmpty());
    assertThat(seen).singleElement().isInstanceOfSatisfying(WatchResponse.Events.class,
        e -> assertThat(e.events()).hasSize(2).allMatch(ev -> ev.revision() == 2));
  }

  @Test
  void aFailedAppendStopsWritesButKeepsServingCommittedReads() {
    GatedPersistence failing = new GatedPersistence();
    failing.failAppendsAbove(1);
    TestStore broken = new TestStore(MvccOptions.forTests("broken"), failing, new WallClock(),
        executor);
    broken.start();
    try {
      Bytes k = Bytes.utf8("/f/k");
      broken.put(k, Bytes.utf8("1"));
      assertThatThrownBy(() -> broken.put(k, Bytes.utf8("2")))
          .isInstanceOf(io.capstan.spi.store.IndeterminateResultException.class)
          .hasMessageContaining("may or may not");
      assertThatThrownBy(() -> broken.put(k, Bytes.utf8("3")))
          .isExactlyInstanceOf(io.capstan.spi.store.StoreException.class)
          .hasMessageContaining("accepts no writes");
      assertThat(broken.currentRevision()).isEqualTo(1);
      assertThat(broken.get(k)).map(KeyValue::value).contains(Bytes.utf8("1"));
    } finally {
      broken.close();
    }
  }
}
