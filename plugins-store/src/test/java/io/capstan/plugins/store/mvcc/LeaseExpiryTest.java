package io.capstan.plugins.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.clock.DeterministicExecutor;
import io.capstan.runtime.clock.VirtualClock;
import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.KeyRange;
import io.capstan.spi.store.KeyValue;
import io.capstan.spi.store.Lease;
import io.capstan.spi.store.LeaseInfo;
import io.capstan.spi.store.LeaseNotFoundException;
import io.capstan.spi.store.Op;
import io.capstan.spi.store.WatchEvent;
import io.capstan.spi.store.WatchRequest;
import io.capstan.spi.store.WatchResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lease expiry on virtual time: the expiry decision happens exactly when the deterministic
 * executor reaches the deadline, never earlier. (The revoke it queues then runs on the store's
 * writer thread, which the test awaits.)
 */
class LeaseExpiryTest {

  private final VirtualClock clock = new VirtualClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final DeterministicExecutor executor = new DeterministicExecutor(clock, 7);
  private TestStore store;

  @BeforeEach
  void open() {
    store = new TestStore(MvccOptions.forTests("test"), new NoPersistence(), clock, executor);
    store.start();
  }

  @AfterEach
  void close() {
    store.close();
    executor.close();
  }

  private static Bytes b(String s) {
    return Bytes.utf8(s);
  }

  @Test
  void keysVanishExactlyAtTheDeadlineAndKeepAliveMovesIt() {
    Lease lease = store.grantLease(10);
    store.txn(io.capstan.spi.store.TxnRequest.of(
        Op.put(b("/l/b"), b("1")).withLease(lease.id()),
        Op.put(b("/l/a"), b("1")).withLease(lease.id()),
        Op.put(b("/l/free"), b("1"))));
    List<WatchResponse> seen = new CopyOnWriteArrayList<>();
    store.watch(WatchRequest.of(KeyRange.prefix(b("/l/"))), seen::add);

    executor.advance(Duration.ofSeconds(6));
    assertThat(store.timeToLive(lease.id(), true)).hasValueSatisfying(info -> {
      assertThat(info.remainingTtlSeconds()).isEqualTo(4);
      assertThat(info.keys()).containsExactly(b("/l/a"), b("/l/b"));
    });
    assertThat(store.keepAlive(lease.id())).isEqualTo(lease); // deadline now 16 s

    executor.advance(Duration.ofMillis(9_999)); // 15.999 s: the first timer re-armed itself
    assertThat(store.get(b("/l/a"))).isPresent();
    assertThat(store.timeToLive(lease.id(), false)).map(LeaseInfo::remainingTtlSeconds)
        .contains(1L);

    executor.advance(Duration.ofMillis(1));
    await().until(() -> store.get(b("/l/a")).isEmpty());
    assertThat(store.get(b("/l/b"))).isEmpty();
    assertThat(store.get(b("/l/free"))).isPresent();
    assertThat(store.timeToLive(lease.id(), false)).isEmpty();
    assertThatThrownBy(() -> store.keepAlive(lease.id()))
        .isInstanceOf(LeaseNotFoundException.class);

    await().until(() -> {
      executor.runUntilIdle(); // watch delivery runs on the deterministic executor
      return !seen.isEmpty();
    });
    WatchResponse.Events expiry = (WatchResponse.Events) seen.get(0);
    assertThat(expiry.revision()).isEqualTo(2);
    assertThat(expiry.events()).as("one revision, DELETE events in key order")
        .extracting(WatchEvent::type, e -> e.kv().key())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(WatchEvent.Type.DELETE, b("/l/a")),
            org.assertj.core.groups.Tuple.tuple(WatchEvent.Type.DELETE, b("/l/b")));
  }

  @Test
  void aPutWithoutTheLeaseDetachesTheKey() {
    Lease lease = store.grantLease(5);
    store.txn(io.capstan.spi.store.TxnRequest.of(Op.put(b("/d/k"), b("1")).withLease(lease.id())));
    store.put(b("/d/k"), b("2"));
    assertThat(store.timeToLive(lease.id(), true)).map(LeaseInfo::keys).contains(List.of());
    executor.advance(Duration.ofSeconds(5));
    await().until(() -> store.timeToLive(lease.id(), false).isEmpty());
    assertThat(store.get(b("/d/k"))).map(KeyValue::value).contains(b("2"));
    assertThat(store.currentRevision()).as("no keys, no revision").isEqualTo(2);
  }

  @Test
  void revokeDeletesAtOnceAndAStaleTimerDoesNothing() {
    Lease lease = store.grantLease(3, 42);
    assertThat(lease.id()).isEqualTo(42);
    assertThat(store.grantLease(3).id()).as("chosen ids continue past given ones").isEqualTo(43);
    assertThatThrownBy(() -> store.grantLease(3, 42)).isInstanceOf(IllegalArgumentException.class);
    store.txn(io.capstan.spi.store.TxnRequest.of(Op.put(b("/r/k"), b("1")).withLease(42)));
    store.revokeLease(42);
    assertThat(store.get(b("/r/k"))).isEmpty();
    assertThatThrownBy(() -> store.revokeLease(42)).isInstanceOf(LeaseNotFoundException.class);
    assertThatThrownBy(() -> store.txn(io.capstan.spi.store.TxnRequest.of(
        Op.put(b("/r/x"), b("1")).withLease(42)))).isInstanceOf(LeaseNotFoundException.class);
    long revision = store.currentRevision();
    executor.advance(Duration.ofSeconds(10));
    assertThat(store.currentRevision()).isEqualTo(revision);
    assertThat(store.timeToLive(43, false)).isEqualTo(Optional.empty());
  }
}
