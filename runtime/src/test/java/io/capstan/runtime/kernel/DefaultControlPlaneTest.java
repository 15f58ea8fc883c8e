package io.capstan.runtime.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.runtime.clock.DeterministicExecutor;
import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.VirtualClock;
import io.capstan.runtime.config.ConfigInputs;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real catalogue with the real plugins: what {@code capstan up} wires today. */
class DefaultControlPlaneTest {

  private static KernelPlan plan(Map<String, String> flags) {
    return KernelPlan.resolve(ConfigInputs.defaultsOnly().withFlags(flags), SpiFamilies.ALL,
        DefaultControlPlaneTest.class.getClassLoader(), Path.of("target"));
  }

  @Test
  void theDefaultsWireAWallClockAPoolAndEveryBuiltInKind() {
    try (Kernel kernel = Kernel.create(plan(Map.of()))) {
      kernel.start();
      assertThat(kernel.injector().getInstance(TaskExecutor.class)).isInstanceOf(PooledTaskExecutor.class);
      assertThat(kernel.startedServices()).anyMatch(PooledTaskExecutor.class::isInstance);
      KindRegistry kinds = kernel.injector().getInstance(KindRegistry.class);
      assertThat(kinds.resolve("deploy")).isPresent();
      assertThat(kinds.resolve("crd")).isPresent();
    }
  }

  @Test
  void theVirtualClockIsChosenByOneSettingAndTakesItsOwn() {
    try (Kernel kernel = Kernel.create(plan(Map.of("runtime.clock", "virtual", "clock.virtual.epoch", "2030-05-01T00:00:00Z")))) {
      Clock clock = kernel.injector().getInstance(Clock.class);
      assertThat(clock).isInstanceOf(VirtualClock.class);
      assertThat(clock.now()).isEqualTo(Instant.parse("2030-05-01T00:00:00Z"));
      assertThat(kernel.injector().getInstance(TaskExecutor.class)).isInstanceOf(DeterministicExecutor.class);
    }
  }
}
