package io.capstan.plugins.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.KeyRange;
import io.capstan.spi.store.Op;
import io.capstan.spi.store.TxnRequest;
import io.capstan.spi.store.WatchEvent;
import io.capstan.spi.store.WatchRequest;
import io.capstan.spi.store.WatchResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Watches under concurrent writers: every revision once, in order, whole; slow listeners too. */
class WatchDeliveryTest {

  private final PooledTaskExecutor executor = new PooledTaskExecutor(4, Duration.ofSeconds(1));
  private final ExecutorService writers = Executors.newFixedThreadPool(8);
  private TestStore store;

  @BeforeEach
  void open() {
    store = new TestStore(MvccOptions.forTests("test"), new NoPersistence(), new WallClock(),
        executor);
    store.start();
  }

  @AfterEach
  void close() throws InterruptedException {
    store.close();
    writers.shutdownNow();
    executor.close();
  }

  @Test
  void concurrentWritesReachEveryWatchInRevisionOrderExactlyOnce() throws Exception {
    List<WatchResponse> all = new CopyOnWriteArrayList<>();
    List<WatchResponse> evens = new CopyOnWriteArrayList<>();
    List<WatchResponse> slow = new CopyOnWriteArrayList<>();
    store.watch(WatchRequest.of(KeyRange.all()).fromRevision(1), all::add);
    store.watch(WatchRequest.of(KeyRange.prefix(Bytes.utf8("/w/0"))).fromRevision(1).withPrevKv(),
        evens::add);
    store.watch(WatchRequest.of(KeyRange.all()).fromRevision(1), r -> {
      Thread.yield(); // a listener slower than the writers
      slow.add(r);
    });

    Map<Long, Integer> keysPerRevision = new ConcurrentHashMap<>();
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      int writer = w;
      done.add(CompletableFuture.runAsync(() -> {
        for (int i = 0; i < 300; i++) {
          int keys = 1 + i % 3;
          List<Op> ops = new ArrayList<>();
          for (int k = 0; k < keys; k++) {
            ops.add(Op.put(Bytes.utf8("/w/" + (writer % 2) + "/" + writer + "/" + ((i + k) % 50)),
                Bytes.utf8("v" + i)));
          }
          long revision = store.txn(new TxnRequest(List.of(), ops, List.of())).revision();
          keysPerRevision.put(revision, keys);
        }
      }, writers));
    }
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    long last = store.currentRevision();
    assertThat(last).isEqualTo(8 * 300);

    for (List<WatchResponse> seen : List.of(all, slow)) {
      await().until(() -> !seen.isEmpty() && seen.get(seen.size() - 1).revision() == last);
      assertThat(seen).hasSize((int) last);
      for (int i = 0; i < seen.size(); i++) {
        WatchResponse.Events events = (WatchResponse.Events) seen.get(i);
        assertThat(events.revision()).isEqualTo(i + 1);
        assertThat(events.events()).hasSize(keysPerRevision.get(events.revision()));
      }
    }
    await().until(() -> evens.stream().mapToLong(WatchResponse::revision).max().orElse(0)
        == lastEvenRevision(all));
    long previous = 0;
    for (WatchResponse r : evens) {
      assertThat(r.revision()).isGreaterThan(previous);
      previous = r.revision();
      for (WatchEvent e : ((WatchResponse.Events) r).events()) {
        assertThat(e.kv().key().toUtf8()).startsWith("/w/0");
        assertThat(e.prevKv().isPresent()).isEqualTo(e.kv().version() > 1);
      }
    }
  }

  private static long lastEvenRevision(List<WatchResponse> all) {
    long last = 0;
    for (WatchResponse r : all) {
      for (WatchEvent e : ((WatchResponse.Events) r).events()) {
        if (e.kv().key().toUtf8().startsWith("/w/0")) {
          last = r.revision();
        }
      }
    }
    return last;
  }

  @Test
  void aWatchFromTheFutureWaitsAndAWatchBelowTheWatermarkIsCompacted() {
    for (int i = 0; i < 5; i++) {
      store.put(Bytes.utf8("/f/" + i), Bytes.utf8("v"));
    }
    List<WatchResponse> future = new CopyOnWriteArrayList<>();
    store.watch(WatchRequest.of(KeyRange.all()).fromRevision(8), future::add);
    store.compact(3);
    List<WatchResponse> tooOld = new CopyOnWriteArrayList<>();
    store.watch(WatchRequest.of(KeyRange.all()).fromRevision(2), tooOld::add);
    await().until(() -> !tooOld.isEmpty());
    assertThat(tooOld).containsExactly(new WatchResponse.Compacted(3));

    for (int i = 5; i < 9; i++) {
      store.put(Bytes.utf8("/f/" + i), Bytes.utf8("v"));
    }
    await().until(() -> future.size() == 2);
    assertThat(future).extracting(WatchResponse::revision).containsExactly(8L, 9L);
  }

  @Test
  void aListenerThatThrowsEndsItsWatchWithFailed() {
    List<WatchResponse> seen = new CopyOnWriteArrayList<>();
    store.watch(WatchRequest.of(KeyRange.all()), r -> {
      seen.add(r);
      if (r instanceof WatchResponse.Events) {
        throw new IllegalStateException("listener bug");
      }
    });
    store.put(Bytes.utf8("/t/a"), Bytes.utf8("1"));
    store.put(Bytes.utf8("/t/b"), Bytes.utf8("2"));
    await().until(() -> seen.size() == 2);
    assertThat(seen.get(1)).isInstanceOfSatisfying(WatchResponse.Failed.class,
        f -> assertThat(f.lastRevision()).as("revision 1 was not fully delivered").isZero());
  }
}
