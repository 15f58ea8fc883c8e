package io.capstan.plugins.controllers.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.runtime.clock.DeterministicExecutor;
import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SlowStartBatchTest {

  @Test
  void callsEveryIndexOnceInDoublingBatchesOnTheCallerWhenTheExecutorIsSingleThreaded() {
    DeterministicExecutor executor = new DeterministicExecutor(new VirtualClock(Instant.EPOCH), 1);
    List<Integer> calls = Collections.synchronizedList(new ArrayList<>());
    Set<String> threads = ConcurrentHashMap.newKeySet();
    int ok = SlowStartBatch.run(20, 1, 8, executor, i -> {
      calls.add(i);
      threads.add(Thread.currentThread().getName());
      return true;
    });
    assertThat(ok).isEqualTo(20);
    assertThat(calls).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 20).boxed().toList());
    assertThat(threads).containsExactly(Thread.currentThread().getName());
    executor.runUntilIdle(); // the helper tasks find nothing left
    assertThat(calls).hasSize(20);
  }

  @Test
  void stopsAfterTheFirstBatchWithAFailure() {
    DeterministicExecutor executor = new DeterministicExecutor(new VirtualClock(Instant.EPOCH), 1);
    AtomicInteger calls = new AtomicInteger();
    // batches 1, 2, 4 (indexes 3..6) — index 4 fails, so the batch of 8 never starts
    int ok = SlowStartBatch.run(100, 1, 4, executor, i -> {
      calls.incrementAndGet();
      return i != 4;
    });
    assertThat(calls.get()).isEqualTo(7);
    assertThat(ok).isEqualTo(6);
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> SlowStartBatch.run(10, 1, 4, executor, i -> {
      attempts.incrementAndGet();
      if (i == 2) {
        throw new IllegalStateException("boom");
      }
      return true;
    })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
    assertThat(attempts.get()).as("the batch of 2 finished, no batch of 4 started").isEqualTo(3);
  }

  @Test
  void runsTheCallsOfABatchConcurrentlyOnThePool() throws Exception {
    try (PooledTaskExecutor executor = new PooledTaskExecutor(4, Duration.ofSeconds(1))) {
      executor.start();
      // the batch of 4 (indexes 3..6) can only finish if all four calls are in flight at once
      CountDownLatch together = new CountDownLatch(4);
      int ok = SlowStartBatch.run(7, 1, 4, executor, i -> {
        if (i < 3) {
          return true;
        }
        together.countDown();
        try {
          return together.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      });
      assertThat(ok).isEqualTo(7);
    }
  }

  @Test
  void rejectsNonPositiveSizes() {
    assertThatThrownBy(() -> SlowStartBatch.run(3, 0, 1, Runnable::run, i -> true))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
