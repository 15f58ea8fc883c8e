package io.capstan.tck.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.spi.store.CompactedException;
import io.capstan.spi.store.KeyRange;
import io.capstan.spi.store.KeyValue;
import io.capstan.spi.store.Lease;
import io.capstan.spi.store.Op;
import io.capstan.spi.store.RangeRequest;
import io.capstan.spi.store.Store;
import io.capstan.spi.store.StoreException;
import io.capstan.spi.store.TxnRequest;
import io.capstan.spi.store.WatchRequest;
import io.capstan.spi.store.WatchResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite of the {@link Store} SPI: every store plugin's {@code
 * <Plugin>StoreConformanceTest} extends this class and implements {@link #openStore()}. The
 * contract checked is {@link Store}'s Javadoc, which follows etcd v3; {@link ReferenceStore} passes
 * it and is the executable version of that contract.
 *
 * <p>The subclass API (all in {@link StoreConformanceSupport}):
 *
 * <ul>
 *   <li>{@link #openStore()}: a fresh, empty, started store, opened lazily on a test's first use
 *       and closed by the suite after the test;
 *   <li>{@link #supportsRestart()} and {@link #restartStore(Store)}: close and reopen on the same
 *       data, for the durability checks. A store that says {@link Store#isDurable()} must support
 *       it;
 *   <li>{@link #leaseExpiryTolerance()} (default 3 s) and {@link #minimumLeaseTtlSeconds()}
 *       (default 1; etcd needs 2);
 *   <li>{@link #requestProgress(Store)}: ask for a progress notification, if the store can;
 *   <li>{@link #maxValueBytes()}: the store's value limit, if fixed, to check one byte more is
 *       refused;
 *   <li>{@link #patience()}: the longest wait for anything asynchronous (default 15 s).
 * </ul>
 *
 * <p>The checks use small data and finish in seconds on the embedded stores; the lease checks wait
 * for real TTLs. Key prefixes differ per check, but every check also assumes an empty store, so an
 * etcd-backed subclass must give each test its own empty keyspace (a fresh etcd or a wiped one).
 */
public abstract class AbstractStoreConformanceTest extends StoreLeaseConformance {

  @Test
  void restartKeepsWritesRevisionsHistoryWatermarkAndLeases() {
    if (!supportsRestart()) {
      assertThat(store().isDurable())
          .as("a store that says isDurable() must prove it: override supportsRestart/restartStore")
          .isFalse();
      return;
    }
    put("/rs/a", "1");
    put("/rs/b", "1");
    store().txn(TxnRequest.of(Op.put(b("/rs/a"), b("2")), Op.put(b("/rs/c"), b("1"))));
    store().delete(b("/rs/b"));
    Lease lease = store().grantLease(300);
    store().txn(TxnRequest.of(Op.put(b("/rs/l1"), b("1")).withLease(lease.id()),
        Op.put(b("/rs/l2"), b("1")).withLease(lease.id())));
    put("/rs/a", "3");
    store().compact(3);
    long revision = store().currentRevision();
    Map<Long, List<KeyValue>> before = new HashMap<>();
    for (long r = 3; r <= revision; r++) {
      before.put(r, store().range(RangeRequest.of(KeyRange.all()).atRevision(r)).kvs());
    }
    WatchRecorder old = watch(WatchRequest.of(KeyRange.all()).fromRevision(3).withPrevKv());
    old.awaitRevision(revision, patience());

    Store s = restart();
    assertThat(s.currentRevision()).as("revision after restart").isEqualTo(revision);
    assertThat(s.compactRevision()).as("watermark after restart").isEqualTo(3);
    for (long r = 3; r <= revision; r++) {
      assertThat(s.range(RangeRequest.of(KeyRange.all()).atRevision(r)).kvs())
          .as("keyspace at revision %d after restart", r).isEqualTo(before.get(r));
    }
    assertThatThrownBy(() -> s.range(RangeRequest.of(KeyRange.all()).atRevision(2)))
        .isInstanceOf(CompactedException.class);
    WatchRecorder resumed = watch(WatchRequest.of(KeyRange.all()).fromRevision(3).withPrevKv());
    resumed.awaitRevision(revision, patience());
    assertThat(resumed.events()).as("history replayed after restart").isEqualTo(old.events());
    assertThat(s.timeToLive(lease.id(), true)).hasValueSatisfying(
        info -> assertThat(info.keys()).containsExactly(b("/rs/l1"), b("/rs/l2")));
    assertThat(put("/rs/d", "1")).as("the next write after restart").isEqualTo(revision + 1);
    s.revokeLease(lease.id());
    assertThat(s.currentRevision()).isEqualTo(revision + 2);
    assertThat(s.range(KeyRange.prefix(b("/rs/l"))).kvs()).isEmpty();
  }

  @Test
  void callsAfterCloseThrowIllegalState() {
    Store s = store();
    put("/l/a", "1");
    long lease = s.grantLease(60).id();
    s.close();
    assertThatIllegalStateException().isThrownBy(s::currentRevision);
    assertThatIllegalStateException().isThrownBy(s::compactRevision);
    assertThatIllegalStateException().isThrownBy(() -> s.range(KeyRange.all()));
    assertThatIllegalStateException().isThrownBy(
        () -> s.range(RangeRequest.of(KeyRange.all()).atRevision(1)));
    assertThatIllegalStateException().isThrownBy(() -> s.put(b("/l/a"), b("2")));
    assertThatIllegalStateException().isThrownBy(() -> s.txn(TxnRequest.of(Op.get(b("/l/a")))));
    assertThatIllegalStateException().isThrownBy(
        () -> s.watch(WatchRequest.of(KeyRange.all()), r -> { }));
    assertThatIllegalStateException().isThrownBy(() -> s.compact(1));
    assertThatIllegalStateException().isThrownBy(() -> s.grantLease(60));
    assertThatIllegalStateException().isThrownBy(() -> s.keepAlive(lease));
    assertThatIllegalStateException().isThrownBy(() -> s.revokeLease(lease));
    assertThatIllegalStateException().isThrownBy(() -> s.timeToLive(lease, true));
  }

  @Test
  void closeIsIdempotent() {
    Store s = store();
    put("/l/a", "1");
    s.close();
    s.close();
  }

  @Test
  void closeFailsOpenWatches() {
    long r = put("/l/a", "1");
    WatchRecorder fromStart = watch(WatchRequest.of(KeyRange.all()).fromRevision(1));
    WatchRecorder fromNow = watch(WatchRequest.of(KeyRange.prefix(b("/l/"))));
    fromStart.awaitRevision(r, patience());
    store().close();
    for (WatchRecorder recorder : new WatchRecorder[] {fromStart, fromNow}) {
      WatchResponse end = recorder.awaitTerminal(patience());
      assertThat(end).isInstanceOf(WatchResponse.Failed.class);
      WatchResponse.Failed failed = (WatchResponse.Failed) end;
      assertThat(failed.cause()).isInstanceOf(StoreException.class);
      assertThat(failed.lastRevision()).as("last fully delivered revision")
          .isGreaterThanOrEqualTo(recorder.lastEventRevision()).isLessThanOrEqualTo(r);
      assertNoViolations(recorder);
    }
    assertThat(fromStart.lastEventRevision()).isEqualTo(r);
  }
}
