package io.capstan.runtime.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The promise of the {@code virtual} plugin: the same seed gives the same run byte for byte, another
 * seed a different one, and simulated time costs only the computation its tasks do.
 */
class DeterminismTest {

  private static final Duration ONE_HOUR = Duration.ofHours(1);

  private static String simulate(long seed, Duration length) {
    VirtualClockConfig config = VirtualClockConfig.withSeed(seed);
    DeterministicExecutor executor =
        new DeterministicExecutor(new VirtualClock(config.epoch()), config.seed());
    return new LeaseRenewerSimulation(executor).run(length);
  }

  @Test
  void sameSeedGivesTheSameEventLogByteForByte() {
    byte[] first = simulate(42, ONE_HOUR).getBytes(StandardCharsets.UTF_8);
    byte[] second = simulate(42, ONE_HOUR).getBytes(StandardCharsets.UTF_8);

    assertThat(second).isEqualTo(first);
  }

  @Test
  void anotherSeedGivesAnotherEventLog() {
    assertThat(simulate(43, ONE_HOUR)).isNotEqualTo(simulate(42, ONE_HOUR));
  }

  @Test
  void aSimulatedHourRunsToItsEndWithEveryKindOfEvent() {
    String log = simulate(42, ONE_HOUR);

    // the run is fast (an hour of timers in milliseconds), but only completion is asserted here:
    // timings on shared machines drift, and the log reaching its end is what matters
    assertThat(log.lines().reduce((a, b) -> b)).hasValueSatisfying(
        last -> assertThat(last).startsWith("PT1H end"));
    assertThat(log)
        .startsWith("PT0S lease acquired\n")
        .contains("lease renewed", "renewal lost", "lease expired", "arrived", " done");
    assertThat(log.lines().count()).isGreaterThan(1_000);
  }

  @Test
  void theLogIsInTimeOrder() {
    Duration previous = Duration.ZERO;
    for (String line : simulate(7, ONE_HOUR).lines().toList()) {
      Duration at = Duration.parse(line.substring(0, line.indexOf(' ')));
      assertThat(at).isGreaterThanOrEqualTo(previous);
      previous = at;
    }
  }
}
