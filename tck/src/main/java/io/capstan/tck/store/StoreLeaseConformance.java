package io.capstan.tck.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.capstan.spi.store.CompactedException;
import io.capstan.spi.store.FutureRevisionException;
import io.capstan.spi.store.KeyRange;
import io.capstan.spi.store.KeyValue;
import io.capstan.spi.store.Lease;
import io.capstan.spi.store.LeaseInfo;
import io.capstan.spi.store.LeaseNotFoundException;
import io.capstan.spi.store.Op;
import io.capstan.spi.store.RangeRequest;
import io.capstan.spi.store.TxnRequest;
import io.capstan.spi.store.WatchEvent;
import io.capstan.spi.store.WatchRequest;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Leases and compaction; part of {@link AbstractStoreConformanceTest}. */
public abstract class StoreLeaseConformance extends StoreWatchConcurrencyConformance {

  @Test
  void grantedLeasesReportTheirTtlAndAttachedKeys() {
    Lease lease = store().grantLease(30);
    assertThat(lease.id()).isPositive();
    assertThat(lease.ttlSeconds()).isGreaterThanOrEqualTo(30);
    LeaseInfo info = store().timeToLive(lease.id(), false).orElseThrow();
    assertThat(info.id()).isEqualTo(lease.id());
    assertThat(info.grantedTtlSeconds()).isEqualTo(lease.ttlSeconds());
    assertThat(info.remainingTtlSeconds()).isBetween(lease.ttlSeconds() - 5, lease.ttlSeconds());
    assertThat(info.keys()).isEmpty();

    store().txn(TxnRequest.of(Op.put(b("/ls/a"), b("1")).withLease(lease.id()),
        Op.put(b("/ls/b"), b("1")).withLease(lease.id())));
    assertThat(get("/ls/b").orElseThrow().lease()).isEqualTo(lease.id());
    assertThat(store().timeToLive(lease.id(), true).orElseThrow().keys())
        .containsExactly(b("/ls/a"), b("/ls/b"));
    put("/ls/a", "2"); // a put without a lease detaches the key
    assertThat(get("/ls/a").orElseThrow().lease()).isEqualTo(KeyValue.NO_LEASE);
    assertThat(store().timeToLive(lease.id(), true).orElseThrow().keys()).containsExactly(b("/ls/b"));
    assertThat(store().keepAlive(lease.id())).isEqualTo(lease);
    assertThat(store().timeToLive(Long.MAX_VALUE / 3, true)).as("a lease never granted").isEmpty();
  }

  @Test
  void leaseIdsCanBeChosenButNotReusedWhileLive() {
    Lease chosen = store().grantLease(30, 4242);
    assertThat(chosen.id()).isEqualTo(4242);
    assertThatIllegalArgumentException().isThrownBy(() -> store().grantLease(30, 4242));
    Lease other = store().grantLease(30);
    assertThat(other.id()).isNotEqualTo(4242);
    assertThatIllegalArgumentException().as("a TTL below 1 second").isThrownBy(() -> store().grantLease(0));
  }

  @Test
  void revokeDeletesAllAttachedKeysInOneRevision() {
    long id = store().grantLease(60).id();
    store().txn(TxnRequest.of(Op.put(b("/rv/a"), b("1")).withLease(id),
        Op.put(b("/rv/b"), b("1")).withLease(id), Op.put(b("/rv/free"), b("1"))));
    put("/rv/c", "1");
    store().txn(TxnRequest.of(Op.put(b("/rv/c"), b("2")).withLease(id)));
    WatchRecorder recorder = watch(WatchRequest.of(KeyRange.prefix(b("/rv/"))));
    long before = store().currentRevision();
    store().revokeLease(id);
    long revoked = before + 1;
    assertThat(store().currentRevision()).isEqualTo(revoked);
    assertThat(store().range(KeyRange.prefix(b("/rv/"))).kvs()).extracting(KeyValue::key)
        .containsExactly(b("/rv/free"));
    recorder.awaitRevision(revoked, patience());
    assertThat(recorder.batches()).hasSize(1);
    assertThat(recorder.events()).containsExactly(WatchEvent.delete(b("/rv/a"), revoked),
        WatchEvent.delete(b("/rv/b"), revoked), WatchEvent.delete(b("/rv/c"), revoked));
    assertThat(store().timeToLive(id, true)).isEmpty();
    assertThatThrownBy(() -> store().revokeLease(id)).isInstanceOf(LeaseNotFoundException.class);
    assertThatThrownBy(() -> store().keepAlive(id)).isInstanceOf(LeaseNotFoundException.class);
  }

  @Test
  void putsNamingAMissingLeaseFailWholeAndChangeNothing() {
    put("/ln/a", "1");
    long revoked = store().grantLease(60).id();
    store().revokeLease(revoked);
    long missing = revoked + 1_000_003;
    for (long id : new long[] {missing, revoked}) {
      assertThatThrownBy(() -> store().txn(TxnRequest.of(Op.put(b("/ln/b"), b("1")).withLease(id))))
          .isInstanceOfSatisfying(LeaseNotFoundException.class, e -> assertThat(e.leaseId()).isEqualTo(id));
      assertThatThrownBy(() -> store().txn(TxnRequest.of(Op.put(b("/ln/a"), b("2")),
          Op.put(b("/ln/c"), b("1")).withLease(id)))).isInstanceOf(LeaseNotFoundException.class);
    }
    assertThat(store().currentRevision()).isEqualTo(1);
    assertThat(get("/ln/a").orElseThrow().value()).isEqualTo(b("1"));
    assertThat(store().range(KeyRange.prefix(b("/ln/"))).count()).isEqualTo(1);
  }

  @Test
  void keepAliveHoldsKeysAndExpiryDeletesThemWithinTtlPlusTolerance() {
    long ttl = minimumLeaseTtlSeconds();
    Lease lease = store().grantLease(ttl);
    store().txn(TxnRequest.of(Op.put(b("/ex/a"), b("1")).withLease(lease.id()),
        Op.put(b("/ex/b"), b("1")).withLease(lease.id()), Op.put(b("/ex/keep"), b("1"))));
    WatchRecorder recorder = watch(WatchRequest.of(KeyRange.prefix(b("/ex/"))));
    AtomicLong lastKeepAlive = new AtomicLong(System.nanoTime());
    ScheduledExecutorService keeper = Executors.newSingleThreadScheduledExecutor();
    try {
      long period = Duration.ofSeconds(lease.ttlSeconds()).toMillis() / 4;
      keeper.scheduleAtFixedRate(() -> {
        store().keepAlive(lease.id());
        lastKeepAlive.set(System.nanoTime());
      }, period, period, TimeUnit.MILLISECONDS);
      waitFor("keys to stay while kept alive for 1.5 TTL")
          .during(Duration.ofMillis(Duration.ofSeconds(lease.ttlSeconds()).toMillis() * 3 / 2))
          .atMost(Duration.ofSeconds(lease.ttlSeconds() * 2 + 5))
          .until(() -> store().range(KeyRange.prefix(b("/ex/"))).count() == 3);
    } finally {
      keeper.shutdownNow();
    }
    waitFor("the keep-alive task to stop").until(keeper::isTerminated);
    long deadline = lastKeepAlive.get() + Duration.ofSeconds(lease.ttlSeconds())
        .plus(leaseExpiryTolerance()).toNanos();
    waitFor("the lease's keys to expire").atMost(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))
        .until(() -> store().range(KeyRange.prefix(b("/ex/"))).count() == 1);
    long expired = store().currentRevision();
    recorder.awaitRevision(expired, patience());
    assertThat(recorder.batches()).as("one revision deletes all the lease's keys").hasSize(1);
    assertThat(recorder.events()).extracting(WatchEvent::type, e -> e.kv().key())
        .containsExactly(tuple(WatchEvent.Type.DELETE, b("/ex/a")),
            tuple(WatchEvent.Type.DELETE, b("/ex/b")));
    assertThat(store().timeToLive(lease.id(), false)).isEmpty();
    assertThatThrownBy(() -> store().keepAlive(lease.id())).isInstanceOf(LeaseNotFoundException.class);
  }

  @Test
  void compactionKeepsCurrentKeysAndTheWatermarkReadable() {
    long r1 = put("/cp/a", "1");
    put("/cp/b", "1");
    long r3 = put("/cp/a", "2");
    store().delete(b("/cp/b"));
    long r5 = put("/cp/c", "1");
    long r6 = put("/cp/a", "3");
    WatchRecorder caughtUp = watch(WatchRequest.of(KeyRange.prefix(b("/cp/"))).fromRevision(1));
    caughtUp.awaitRevision(r6, patience());
    store().compact(r5);
    assertThat(store().compactRevision()).isEqualTo(r5);
    assertThatThrownBy(() -> store().range(RangeRequest.of(KeyRange.all()).atRevision(r5 - 1)))
        .isInstanceOfSatisfying(CompactedException.class, e -> assertThat(e.compactRevision()).isEqualTo(r5));
    assertThat(store().range(RangeRequest.of(KeyRange.all()).atRevision(r5)).kvs()).containsExactly(
        KeyValue.of(b("/cp/a"), b("2"), r1, r3, 2), KeyValue.of(b("/cp/c"), b("1"), r5, r5, 1));
    assertThat(store().range(KeyRange.all()).kvs()).containsExactly(
        KeyValue.of(b("/cp/a"), b("3"), r1, r6, 3), KeyValue.of(b("/cp/c"), b("1"), r5, r5, 1));
    assertThatThrownBy(() -> store().compact(r5)).isInstanceOf(CompactedException.class);
    assertThatThrownBy(() -> store().compact(r5 - 2)).isInstanceOf(CompactedException.class);
    assertThatThrownBy(() -> store().compact(r6 + 1)).isInstanceOf(FutureRevisionException.class);
    store().compact(r6);
    assertThat(store().get(b("/cp/c")).orElseThrow().createRevision()).isEqualTo(r5);
    long r7 = put("/cp/a", "4");
    assertThat(get("/cp/a")).contains(KeyValue.of(b("/cp/a"), b("4"), r1, r7, 4));
    caughtUp.awaitRevision(r7, patience());
    assertThat(caughtUp.terminal()).as("a watch that kept up survives compaction").isEmpty();
    assertThat(caughtUp.events()).extracting(WatchEvent::revision).endsWith(r6, r7);
    assertThat(store().currentRevision()).isEqualTo(r7);
  }
}
