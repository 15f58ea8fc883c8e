package io.capstan.runtime.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the TCK cannot see: threads, their names, parallelism and shutdown timing. */
class PooledTaskExecutorTest {

  private PooledTaskExecutor executor;

  @AfterEach
  void close() throws InterruptedException {
    if (executor != null) {
      executor.close();
    }
  }

  @Test
  void runsTasksInParallelOnNamedDaemonThreads() throws Exception {
    executor = new PooledTaskExecutor(3, Duration.ofSeconds(1));
    // three tasks that each wait for the other two: passes only if three threads run at once
    CyclicBarrier allThree = new CyclicBarrier(3);
    Set<String> names = ConcurrentHashMap.newKeySet();
    Set<Boolean> daemons = ConcurrentHashMap.newKeySet();
    CountDownLatch done = new CountDownLatch(3);
    for (int i = 0; i < 3; i++) {
      executor.execute(() -> {
        names.add(Thread.currentThread().getName());
        daemons.add(Thread.currentThread().isDaemon());
        try {
          allThree.await(5, TimeUnit.SECONDS);
          done.countDown();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    }
    assertThat(done.await(5, TimeUnit.SECONDS)).as("three tasks ran at the same time").isTrue();
    assertThat(names).containsExactlyInAnyOrder("capstan-exec-1", "capstan-exec-2", "capstan-exec-3");
    assertThat(daemons).containsExactly(true);
    assertThat(executor.threads()).isEqualTo(3);
  }

  @Test
  void closeInterruptsTasksThatOutliveTheGraceAndIsIdempotent() throws Exception {
    executor = new PooledTaskExecutor(1, Duration.ofMillis(50));
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    executor.execute(() -> {
      started.countDown();
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        interrupted.set(true);
      }
    });
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    long begin = System.nanoTime();
    executor.close();
    executor.close();

    assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(5));
    assertThat(executor.isShutdown()).isTrue();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilTrue(interrupted);
  }

  @Test
  void closeOnANeverUsedExecutorDoesNotThrow() throws Exception {
    executor = new PooledTaskExecutor(2, Duration.ofMillis(10));
    executor.close();
    assertThat(executor.isShutdown()).isTrue();
  }

  @Test
  void refusesANonPositivePoolSize() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PooledTaskExecutor(0, Duration.ofSeconds(1)))
        .withMessageContaining("threads");
  }
}
