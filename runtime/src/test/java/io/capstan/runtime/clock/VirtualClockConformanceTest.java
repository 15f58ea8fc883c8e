package io.capstan.runtime.clock;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.tck.clock.AbstractClockConformanceTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The virtual clock against the clock TCK, plus the exact timings only virtual time can promise. */
class VirtualClockConformanceTest extends AbstractClockConformanceTest {

  private VirtualClock clock;
  private DeterministicExecutor executor;

  @BeforeEach
  void createClock() {
    clock = new VirtualClock(VirtualClockConfig.DEFAULT_EPOCH);
    executor = new DeterministicExecutor(clock, 1L);
  }

  @AfterEach
  void closeExecutor() {
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
    return Duration.ofSeconds(1);
  }

  @Override
  protected void advance(Duration duration) {
    executor.advance(duration);
  }

  @Test
  void fixedRateRunsExactlyOnEveryBoundary() {
    List<Duration> runs = new ArrayList<>();
    executor.scheduleAtFixedRate(Duration.ofSeconds(1), Duration.ofSeconds(2),
        () -> runs.add(Duration.between(clock.epoch(), clock.now())));

    executor.advance(Duration.ofSeconds(8));

    assertThat(runs).containsExactly(
        Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(7));
  }

  @Test
  void oneShotRunsExactlyAtItsDueTime() {
    List<Long> runs = new ArrayList<>();
    executor.schedule(Duration.ofMillis(1500), () -> runs.add(clock.nanoTime()));

    executor.advance(Duration.ofMillis(1499));
    assertThat(runs).isEmpty();
    executor.advance(Duration.ofMillis(1));
    assertThat(runs).containsExactly(Duration.ofMillis(1500).toNanos());
  }
}
