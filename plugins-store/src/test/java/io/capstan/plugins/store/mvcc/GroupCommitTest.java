package io.capstan.plugins.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.store.Bytes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The single writer puts every write that queued during a sync into the next batch. */
class GroupCommitTest {

  private final PooledTaskExecutor executor = new PooledTaskExecutor(2, Duration.ofSeconds(1));
  private final ExecutorService callers = Executors.newFixedThreadPool(16);
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
    callers.shutdownNow();
    executor.close();
  }

  @Test
  void writesQueuedDuringOneSyncShareTheNext() throws Exception {
    persistence.hold();
    CompletableFuture<Long> first = CompletableFuture.supplyAsync(() -> put("/g/first"), callers);
    await().until(() -> persistence.blocked() == 1);

    List<CompletableFuture<Long>> queued = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      String key = "/g/" + i;
      queued.add(CompletableFuture.supplyAsync(() -> put(key), callers));
    }
    await().until(() -> store.pending() == 15);
    assertThat(first).as("not acknowledged before it is durable").isNotDone();
    persistence.release();

    Set<Long> revisions = ConcurrentHashMap.newKeySet();
    revisions.add(first.get(10, TimeUnit.SECONDS));
    for (CompletableFuture<Long> f : queued) {
      revisions.add(f.get(10, TimeUnit.SECONDS));
    }
    assertThat(revisions).hasSize(16).allMatch(r -> r >= 1 && r <= 16);
    assertThat(persistence.appends()).extracting(CommitBatch::size).containsExactly(1, 15);
    assertThat(persistence.appends().get(1).currentRevision()).isEqualTo(16);
    assertThat(store.currentRevision()).isEqualTo(16);
  }

  @Test
  void concurrentWritersNeedFewerAppendsThanWrites() throws Exception {
    int writers = 16;
    int perWriter = 100;
    // hold the first append until every writer waits, in it or in the queue: without a slow disk
    // the writer might keep up with the callers and never need to batch
    persistence.hold();
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      done.add(CompletableFuture.runAsync(() -> {
        for (int i = 0; i < perWriter; i++) {
          put("/c/" + writer + "/" + i);
        }
      }, callers));
    }
    await().until(() -> persistence.heldRevisions() + store.pending() == writers);
    persistence.release();
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

    int writes = writers * perWriter;
    assertThat(store.currentRevision()).isEqualTo(writes);
    assertThat(persistence.appends().stream().mapToInt(CommitBatch::size).sum()).isEqualTo(writes);
    assertThat(persistence.appends()).as("appends for %d writes", writes).hasSizeLessThan(writes);
  }

  private long put(String key) {
    return store.put(Bytes.utf8(key), Bytes.utf8("v"));
  }
}
