package io.capstan.runtime.client.workqueue;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.runtime.clock.DeterministicExecutor;
import io.capstan.runtime.clock.VirtualClock;
import io.capstan.runtime.clock.VirtualClockConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The queue's semantics on virtual time, single-threaded through {@code poll()}, following the cases
 * of client-go's {@code queue_test.go}, {@code delaying_queue_test.go} and
 * {@code rate_limiting_queue_test.go}.
 */
class DefaultWorkQueueTest {

  private final VirtualClock clock = new VirtualClock(VirtualClockConfig.DEFAULT_EPOCH);
  private final DeterministicExecutor executor = new DeterministicExecutor(clock, 1L);
  private final DefaultWorkQueue<String> queue = new DefaultWorkQueue<>("test",
      new ItemExponentialFailureRateLimiter<>(), executor, clock);

  private List<String> pollAll() {
    List<String> keys = new ArrayList<>();
    for (Optional<String> key = queue.poll(); key.isPresent(); key = queue.poll()) {
      keys.add(key.get());
    }
    return keys;
  }

  @Test
  void pendingKeysAreStoredOnceAndHandedOutInTheOrderTheyBecameReady() {
    queue.add("b");
    queue.add("a");
    queue.add("b");
    queue.add("c");
    queue.add("a");

    assertThat(queue.length()).isEqualTo(3);
    assertThat(pollAll()).containsExactly("b", "a", "c");
    assertThat(queue.length()).isZero();
  }

  @Test
  void keyAddedWhileProcessingIsHandedOutAgainOnlyAfterDone() {
    queue.add("a");
    assertThat(queue.poll()).contains("a");

    queue.add("a");
    queue.add("a");
    assertThat(queue.length()).as("a processing key is not ready").isZero();
    assertThat(queue.poll()).isEmpty();

    queue.add("b");
    queue.done("a");

    assertThat(queue.length()).isEqualTo(2);
    assertThat(pollAll()).as("re-queued at the end of the line, once").containsExactly("b", "a");
    queue.done("a");
    queue.done("b");
    assertThat(queue.poll()).isEmpty();
    assertThat(queue.processingCount()).isZero();
  }

  @Test
  void doneForAKeyThatIsNotProcessingChangesNothing() {
    queue.add("a");
    queue.done("a");
    queue.done("never-added");

    assertThat(pollAll()).containsExactly("a");
  }

  @Test
  void delayedKeysBecomeReadyAtTheirDueTimeOnTheVirtualClockWithOneTimer() {
    queue.addAfter("slow", Duration.ofMillis(100));
    queue.addAfter("fast", Duration.ofMillis(50));
    queue.addAfter("slower", Duration.ofMillis(200));

    assertThat(queue.length()).isZero();
    assertThat(queue.delayedCount()).isEqualTo(3);
    assertThat(executor.pendingTasks()).as("one timer, for the earliest key").isEqualTo(1);

    executor.advance(Duration.ofMillis(49));
    assertThat(queue.poll()).isEmpty();
    executor.advance(Duration.ofMillis(1));
    assertThat(pollAll()).containsExactly("fast");
    executor.advance(Duration.ofMillis(50));
    assertThat(pollAll()).containsExactly("slow");
    executor.advance(Duration.ofMillis(100));
    assertThat(pollAll()).containsExactly("slower");
    assertThat(executor.pendingTasks()).isZero();
  }

  @Test
  void aKeyWaitingForADelayKeepsTheEarlierDueTime() {
    queue.addAfter("a", Duration.ofSeconds(10));
    queue.addAfter("a", Duration.ofSeconds(1));
    queue.addAfter("a", Duration.ofSeconds(5));

    executor.advance(Duration.ofSeconds(1));
    assertThat(pollAll()).containsExactly("a");
    queue.done("a");
    executor.advance(Duration.ofSeconds(20));
    assertThat(queue.poll()).as("waited once only").isEmpty();
  }

  @Test
  void zeroOrNegativeDelayAddsAtOnceAndADelayedAddOfAReadyKeyIsDeduplicated() {
    queue.addAfter("a", Duration.ZERO);
    queue.addAfter("b", Duration.ofMillis(-5));
    assertThat(queue.length()).isEqualTo(2);

    queue.addAfter("a", Duration.ofMillis(10));
    executor.advance(Duration.ofMillis(10));
    assertThat(pollAll()).containsExactly("a", "b");
  }

  @Test
  void rateLimitedAddsBackOffExponentiallyUntilForgotten() {
    List<Long> readyAtMillis = new ArrayList<>();
    for (int attempt = 0; attempt < 4; attempt++) {
      long start = clock.nanoTime();
      queue.addRateLimited("a");
      while (queue.length() == 0) {
        executor.runNextTask();
      }
      readyAtMillis.add((clock.nanoTime() - start) / 1_000_000);
      assertThat(queue.poll()).contains("a");
      queue.done("a");
    }

    assertThat(readyAtMillis).containsExactly(5L, 10L, 20L, 40L);
    assertThat(queue.numRequeues("a")).isEqualTo(4);
    queue.forget("a");
    assertThat(queue.numRequeues("a")).isZero();
  }

  @Test
  void shutDownDropsEverythingAndStopsHandingOutKeysAtOnce() {
    queue.add("ready");
    queue.add("held");
    assertThat(queue.poll()).contains("ready");
    queue.add("ready");
    queue.addAfter("later", Duration.ofSeconds(1));

    queue.shutDown();
    queue.add("after");
    queue.addRateLimited("after");

    assertThat(queue.isShuttingDown()).isTrue();
    assertThat(queue.poll()).isEmpty();
    assertThat(queue.length()).isZero();
    assertThat(queue.numRequeues("after")).as("no token or failure spent after shut-down").isZero();
    queue.done("ready");
    executor.advance(Duration.ofSeconds(2));
    assertThat(queue.poll()).as("neither the re-added nor the delayed key comes back").isEmpty();
    assertThat(queue.processingCount()).isZero();
  }

  @Test
  void shutDownWithDrainHandsOutWhatWasAlreadyQueuedThenCompletes() {
    queue.add("a");
    queue.add("b");
    assertThat(queue.poll()).contains("a");
    queue.add("a"); // dirty while processing: must still be processed once more
    queue.addAfter("delayed", Duration.ofSeconds(1));

    CompletableFuture<Void> drained = queue.shutDownWithDrain();
    queue.add("new");

    assertThat(drained).isNotDone();
    assertThat(queue.poll()).contains("b");
    queue.done("b");
    queue.done("a");
    assertThat(drained).as("a came back with its done()").isNotDone();
    assertThat(pollAll()).containsExactly("a");
    queue.done("a");
    executor.advance(Duration.ofSeconds(2));

    assertThat(drained).isCompleted();
    assertThat(queue.poll()).isEmpty();
    assertThat(queue.shutDownWithDrain()).as("idempotent").isCompleted();
  }

  @Test
  void shutDownAfterShutDownWithDrainCutsTheDrainShort() {
    queue.add("a");
    queue.add("b");
    assertThat(queue.poll()).contains("a");
    CompletableFuture<Void> drained = queue.shutDownWithDrain();

    queue.shutDown();
    assertThat(queue.poll()).as("b is dropped").isEmpty();
    assertThat(drained).isNotDone();
    queue.done("a");
    assertThat(drained).isCompleted();
  }

  @Test
  void metricsSeeAddsDepthLatencyWorkAndRetries() {
    RecordingMetrics metrics = new RecordingMetrics();
    DefaultWorkQueue<String> measured = new DefaultWorkQueue<>("measured",
        new ItemExponentialFailureRateLimiter<>(), executor, clock, metrics);

    measured.add("a");
    measured.add("a");
    measured.add("b");
    executor.advance(Duration.ofMillis(30));
    assertThat(measured.poll()).contains("a");
    executor.advance(Duration.ofMillis(70));
    measured.done("a");
    measured.addAfter("c", Duration.ofMillis(1));

    assertThat(metrics.adds).isEqualTo(2);
    assertThat(metrics.depths).containsExactly(1, 2, 1);
    assertThat(metrics.queued).containsExactly(Duration.ofMillis(30));
    assertThat(metrics.worked).containsExactly(Duration.ofMillis(70));
    assertThat(metrics.retries).isEqualTo(1);
  }

  private static final class RecordingMetrics implements WorkQueueMetrics {
    int adds;
    int retries;
    final List<Integer> depths = new ArrayList<>();
    final List<Duration> queued = new ArrayList<>();
    final List<Duration> worked = new ArrayList<>();

    @Override
    public void added() {
      adds++;
    }

    @Override
    public void depth(int depth) {
      depths.add(depth);
    }

    @Override
    public void queued(Duration waited) {
      queued.add(waited);
    }

    @Override
    public void worked(Duration duration) {
      worked.add(duration);
    }

    @Override
    public void retried() {
      retries++;
    }
  }
}
