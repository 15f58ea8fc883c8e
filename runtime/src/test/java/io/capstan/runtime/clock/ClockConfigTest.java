package io.capstan.runtime.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.spi.plugin.InvalidConfigException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Defaults and validation of both clock configuration records. */
class ClockConfigTest {

  @Test
  void wallDefaultsToTwiceTheCoresAndAtLeastTwo() {
    int expected = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
    assertThat(WallClockConfig.defaults().threads()).isEqualTo(expected);
    assertThat(new WallClockConfig(3).threads()).isEqualTo(3);
  }

  @Test
  void wallRefusesNonPositiveThreadsNamingTheFieldAndTheFix() {
    assertThatThrownBy(() -> new WallClockConfig(0))
        .isInstanceOfSatisfying(InvalidConfigException.class,
            e -> assertThat(e.field()).isEqualTo("threads"))
        .hasMessageContaining("positive")
        .hasMessageContaining("remove the key");
    assertThatThrownBy(() -> new WallClockConfig(-4)).isInstanceOf(InvalidConfigException.class);
  }

  @Test
  void virtualDefaultsToSeedOneAndTheStartOf2025() {
    VirtualClockConfig defaults = VirtualClockConfig.defaults();
    assertThat(defaults.seed()).isEqualTo(1L);
    assertThat(defaults.epoch()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    assertThat(VirtualClockConfig.withSeed(9)).isEqualTo(new VirtualClockConfig(9L, defaults.epoch()));
  }
}
