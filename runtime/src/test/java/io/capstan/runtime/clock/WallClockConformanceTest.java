package io.capstan.runtime.clock;

import static org.awaitility.Awaitility.await;

import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.tck.clock.AbstractClockConformanceTest;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The wall clock against the clock TCK, on one worker thread so that "starts in submission order"
 * is observable (see the TCK's class comment); {@link PooledTaskExecutorTest} covers several threads.
 */
class WallClockConformanceTest extends AbstractClockConformanceTest {

  private WallClock clock;
  private PooledTaskExecutor executor;

  @BeforeEach
  void createClock() {
    clock = new WallClock();
    executor = new PooledTaskExecutor(1, Duration.ofMillis(200));
  }

  @AfterEach
  void closeExecutor() throws InterruptedException {
    executor.close();
  }

  @Override
  protected Clock clock() {
    return clock;
  }

  @Override
  protected TaskExecutor executor() {
    return executor;
  }

  @Override
  protected Duration unit() {
    return Duration.ofMillis(20);
  }

  /**
   * Sleeps, then queues a marker and waits for it: on one thread, the marker runs after every task
   * whose trigger time was earlier, so everything due within the sleep has finished.
   */
  @Override
  protected void advance(Duration duration) {
    sleep(duration);
    CountDownLatch marker = new CountDownLatch(1);
    executor.execute(marker::countDown);
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(2))
        .until(() -> marker.getCount() == 0);
  }

  @Override
  protected void advanceAfterShutdown(Duration duration) {
    sleep(duration);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while letting time pass", e);
    }
  }
}
