package io.capstan.plugins.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.CompactedException;
import io.capstan.spi.store.KeyRange;
import io.capstan.spi.store.KeyValue;
import io.capstan.spi.store.Lease;
import io.capstan.spi.store.LeaseInfo;
import io.capstan.spi.store.Op;
import io.capstan.spi.store.RangeRequest;
import io.capstan.spi.store.RangeResult;
import io.capstan.spi.store.TxnRequest;
import io.capstan.spi.store.WatchRequest;
import io.capstan.spi.store.WatchResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Close and reopen on the same directory: everything the contract keeps comes back. */
class RocksDbRecoveryTest {

  private final PooledTaskExecutor executor = new PooledTaskExecutor(2, Duration.ofSeconds(1));

  @TempDir
  Path dir;

  @AfterEach
  void stop() throws InterruptedException {
    executor.close();
  }

  private RocksDbStore open() {
    RocksDbStore store = new RocksDbStore(RocksDbStoreConfig.at(dir), new WallClock(), executor);
    store.start();
    return store;
  }

  private static Bytes b(String s) {
    return Bytes.utf8(s);
  }

  @Test
  void dataRevisionsHistoryWatermarkAndLeasesSurviveARestart() {
    List<RangeResult> snapshots = new ArrayList<>();
    List<WatchResponse> history;
    long current;
    Lease lease;
    try (RocksDbStore store = open()) {
      store.put(b("/a"), b("1")); // 1
      store.put(b("/a"), b("2")); // 2
      store.txn(TxnRequest.of(Op.put(b("/b"), b("1")), Op.put(b("/c"), b("1")))); // 3
      store.delete(b("/b")); // 4
      lease = store.grantLease(600);
      store.txn(TxnRequest.of(Op.put(b("/leased"), b("x")).withLease(lease.id()))); // 5
      store.compact(3);
      store.put(b("/a"), b("3")); // 6
      store.put(b("/big"), Bytes.copyOf(new byte[1 << 20])); // 7
      current = store.currentRevision();
      for (long r = 3; r <= current; r++) {
        snapshots.add(store.range(RangeRequest.of(KeyRange.all()).atRevision(r)));
      }
      history = watchAll(store, 3, current);
    }

    try (RocksDbStore store = open()) {
      assertThat(store.currentRevision()).isEqualTo(current);
      assertThat(store.compactRevision()).isEqualTo(3);
      for (long r = 3; r <= current; r++) {
        assertThat(store.range(RangeRequest.of(KeyRange.all()).atRevision(r)))
            .as("snapshot at %d", r).isEqualTo(snapshots.get((int) (r - 3)));
      }
      assertThatThrownBy(() -> store.get(b("/a"), 2)).isInstanceOf(CompactedException.class);
      assertThat(watchAll(store, 3, current)).as("watch with prevKv from the watermark")
          .isEqualTo(history);

      LeaseInfo info = store.timeToLive(lease.id(), true).orElseThrow();
      assertThat(info.keys()).containsExactly(b("/leased"));
      assertThat(info.remainingTtlSeconds()).as("a full TTL again after restart").isEqualTo(600);
      assertThat(store.grantLease(5).id()).as("ids are not reused").isGreaterThan(lease.id());
      assertThat(store.put(b("/a"), b("4"))).as("revisions continue").isEqualTo(current + 1);
      store.revokeLease(lease.id());
    }

    try (RocksDbStore store = open()) {
      assertThat(store.get(b("/leased"))).as("the revoke was durable").isEmpty();
      assertThat(store.timeToLive(lease.id(), false)).isEmpty();
      assertThat(store.get(b("/a"))).map(KeyValue::version).as("version counts on").contains(4L);
    }
  }

  @Test
  void compactionDeletesTheDroppedRowsFromDisk() {
    try (RocksDbStore store = open()) {
      for (int i = 0; i < 50; i++) {
        store.put(b("/hot"), b("v" + i));
      }
      store.delete(b("/hot"));
      store.put(b("/kept"), b("k"));
      store.compact(store.currentRevision());
    }
    AtomicLong rows = new AtomicLong();
    RocksDbPersistence persistence = RocksDbPersistence.of(RocksDbStoreConfig.at(dir));
    try {
      assertThat(persistence.recover().compactRevision()).isEqualTo(52);
      persistence.replay((kv, index) -> rows.incrementAndGet());
    } finally {
      persistence.close();
    }
    assertThat(rows).as("only /kept's version is left").hasValue(1);
  }

  private List<WatchResponse> watchAll(RocksDbStore store, long from, long to) {
    List<WatchResponse> seen = new CopyOnWriteArrayList<>();
    var watch = store.watch(WatchRequest.of(KeyRange.all()).fromRevision(from).withPrevKv(),
        seen::add);
    await().until(() -> !seen.isEmpty() && seen.get(seen.size() - 1).revision() == to);
    watch.cancel();
    return List.copyOf(seen);
  }
}
