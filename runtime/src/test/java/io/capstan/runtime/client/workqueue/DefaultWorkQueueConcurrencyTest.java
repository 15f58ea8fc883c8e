package io.capstan.runtime.client.workqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Per-key exclusivity and "no lost wake-up" with real threads: 8 producers hammer 50 keys (plain and
 * delayed adds) while 4 workers take, hold each key briefly and call done. Every event is stamped
 * from one global counter, so "added after the last processing start" is well defined.
 */
class DefaultWorkQueueConcurrencyTest {

  private static final int PRODUCERS = 8;
  private static final int WORKERS = 4;
  private static final int KEYS = 50;
  private static final int ADDS_PER_PRODUCER = 5_000;

  private final PooledTaskExecutor executor = new PooledTaskExecutor(2, Duration.ofSeconds(1));
  private final WallClock clock = new WallClock();
  private final DefaultWorkQueue<String> queue = new DefaultWorkQueue<>("concurrency",
      new ItemExponentialFailureRateLimiter<>(), executor, clock);

  private final AtomicLong stamps = new AtomicLong();
  private final Map<String, Long> lastAdd = new ConcurrentHashMap<>();
  private final Map<String, Long> lastStart = new ConcurrentHashMap<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final AtomicReference<String> overlap = new AtomicReference<>();
  private final AtomicInteger processed = new AtomicInteger();

  @AfterEach
  void stop() throws Exception {
    queue.shutDown();
    executor.close();
  }

  @Test
  void noKeyIsProcessedTwiceAtOnceAndEveryLateAddIsProcessedAgain() throws Exception {
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < WORKERS; i++) {
      Thread worker = new Thread(this::work, "worker-" + i);
      worker.start();
      workers.add(worker);
    }
    CountDownLatch producersDone = new CountDownLatch(PRODUCERS);
    for (int i = 0; i < PRODUCERS; i++) {
      Thread producer = new Thread(() -> {
        produce();
        producersDone.countDown();
      }, "producer-" + i);
      producer.start();
    }

    assertThat(producersDone.await(30, TimeUnit.SECONDS)).isTrue();
    await().atMost(Duration.ofSeconds(30)).until(() -> overlap.get() != null
        || (queue.length() == 0 && queue.delayedCount() == 0 && queue.processingCount() == 0));

    assertThat(overlap.get()).as("a key processed by two workers at once").isNull();
    assertThat(lastAdd.keySet()).hasSize(KEYS);
    for (Map.Entry<String, Long> add : lastAdd.entrySet()) {
      assertThat(lastStart.get(add.getKey()))
          .as("key %s was added at stamp %d; its last processing must start later",
              add.getKey(), add.getValue())
          .isGreaterThan(add.getValue());
    }
    assertThat(processed.get()).as("dedup merged most of the adds").isLessThan(
        PRODUCERS * ADDS_PER_PRODUCER);

    queue.shutDown();
    for (Thread worker : workers) {
      worker.join(5_000);
      assertThat(worker.isAlive()).as("take() returns empty after shutDown").isFalse();
    }
  }

  @Test
  void takeWaitsForAnAddAndReturnsEmptyOnShutDown() throws Exception {
    CompletableFuture<Optional<String>> first = CompletableFuture.supplyAsync(this::takeQuietly);
    Thread.sleep(50); // let it block; the assertion below does not depend on winning this race
    assertThat(first).isNotDone();
    queue.add("a");
    assertThat(first.get(5, TimeUnit.SECONDS)).contains("a");

    CompletableFuture<Optional<String>> second = CompletableFuture.supplyAsync(this::takeQuietly);
    queue.shutDown();
    assertThat(second.get(5, TimeUnit.SECONDS)).isEmpty();
  }

  @Test
  void whileDrainingTakeWaitsForAProcessingKeyThatWasAddedAgain() throws Exception {
    queue.add("a");
    assertThat(queue.take()).contains("a");
    queue.add("a");
    CompletableFuture<Void> drained = queue.shutDownWithDrain();

    CompletableFuture<Optional<String>> waiting = CompletableFuture.supplyAsync(this::takeQuietly);
    Thread.sleep(50);
    assertThat(waiting).as("a will come back with its done()").isNotDone();
    queue.done("a");

    assertThat(waiting.get(5, TimeUnit.SECONDS)).contains("a");
    assertThat(drained).isNotDone();
    CompletableFuture<Optional<String>> last = CompletableFuture.supplyAsync(this::takeQuietly);
    queue.done("a");
    assertThat(last.get(5, TimeUnit.SECONDS)).as("drained: nothing more will come").isEmpty();
    drained.get(5, TimeUnit.SECONDS);
  }

  private Optional<String> takeQuietly() {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private void produce() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < ADDS_PER_PRODUCER; i++) {
      String key = "key-" + random.nextInt(KEYS);
      // stamp before adding: a worker that starts later than the stamp may or may not see this add,
      // but one that starts after the add returns must, which the final check relies on
      long stamp = stamps.incrementAndGet();
      lastAdd.merge(key, stamp, Math::max);
      if (i % 10 == 0) {
        queue.addAfter(key, Duration.ofMillis(random.nextInt(3)));
      } else {
        queue.add(key);
      }
    }
  }

  private void work() {
    try {
      while (true) {
        Optional<String> taken = queue.take();
        if (taken.isEmpty()) {
          return;
        }
        String key = taken.get();
        if (!inFlight.add(key)) {
          overlap.compareAndSet(null, key);
        }
        lastStart.merge(key, stamps.incrementAndGet(), Math::max);
        if (ThreadLocalRandom.current().nextInt(4) == 0) {
          Thread.onSpinWait(); // vary the hold time a little so adds land while processing
          Thread.yield();
        }
        processed.incrementAndGet();
        inFlight.remove(key);
        queue.done(key);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
