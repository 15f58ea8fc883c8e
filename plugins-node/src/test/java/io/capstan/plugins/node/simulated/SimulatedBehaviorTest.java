package io.capstan.plugins.node.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.spi.node.ContainerConfig;
import io.capstan.spi.node.ContainerRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Annotations over configured defaults, per container, and the seeded failure draw. */
class SimulatedBehaviorTest {

  private static ContainerConfig container(String name, int attempt, Map<String, String> annotations, boolean init) {
    return new ContainerConfig(name, attempt, "img", List.of(), List.of(), Map.of(), "",
        init ? Map.of(SimulatedBehavior.INIT_LABEL, "true") : Map.of(), annotations);
  }

  @Test
  void annotationsOverrideTheDefaultsAndPerContainerKeysWin() {
    Map<String, String> a = Map.of("sim.capstan.io/duration", "30s", "sim.capstan.io/duration.sidecar", "forever",
        "sim.capstan.io/exit-code", "4", "sim.capstan.io/startup-latency", "2s", "sim.capstan.io/readiness", "fail-after=10s");
    SimulatedBehavior main = SimulatedBehavior.of(SimulatedRuntimeConfig.defaults(), "uid", container("main", 0, a, false));
    assertThat(main.runFor()).contains(Duration.ofSeconds(30));
    assertThat(main.exitCode()).isEqualTo(4);
    assertThat(main.startupLatency()).isEqualTo(Duration.ofSeconds(2));
    assertThat(main.readiness().result(Duration.ofSeconds(9))).isTrue();
    assertThat(main.readiness().result(Duration.ofSeconds(10))).isFalse();
    SimulatedBehavior sidecar = SimulatedBehavior.of(SimulatedRuntimeConfig.defaults(), "uid", container("sidecar", 0, a, false));
    assertThat(sidecar.runFor()).isEmpty();
  }

  @Test
  void initContainersExitAtOnceUnlessTheirOwnKeySaysOtherwise() {
    Map<String, String> a = Map.of("sim.capstan.io/duration", "forever", "sim.capstan.io/duration.migrate", "5s");
    assertThat(SimulatedBehavior.of(SimulatedRuntimeConfig.defaults(), "u", container("setup", 0, a, true)).runFor())
        .contains(Duration.ZERO);
    assertThat(SimulatedBehavior.of(SimulatedRuntimeConfig.defaults(), "u", container("migrate", 0, a, true)).runFor())
        .contains(Duration.ofSeconds(5));
  }

  @Test
  void failProbabilityIsADeterministicDrawPerPodContainerAndAttempt() {
    Map<String, String> a = Map.of("sim.capstan.io/fail-probability", "0.5");
    int failures = 0;
    for (int attempt = 0; attempt < 200; attempt++) {
      SimulatedBehavior b = SimulatedBehavior.of(SimulatedRuntimeConfig.defaults(), "pod-uid", container("c", attempt, a, false));
      SimulatedBehavior again = SimulatedBehavior.of(SimulatedRuntimeConfig.defaults(), "pod-uid", container("c", attempt, a, false));
      assertThat(again).isEqualTo(b);
      if (b.exitCode() != 0) {
        failures++;
        assertThat(b.runFor()).contains(Duration.ofSeconds(1));
      }
    }
    assertThat(failures).isBetween(60, 140);
    SimulatedBehavior never = SimulatedBehavior.of(SimulatedRuntimeConfig.defaults(), "u",
        container("c", 0, Map.of("sim.capstan.io/fail-probability", "0"), false));
    assertThat(never.exitCode()).isZero();
    assertThat(never.runFor()).isEqualTo(Optional.empty());
  }

  @Test
  void badAnnotationsNameTheKey() {
    assertThatThrownBy(() -> SimulatedBehavior.of(SimulatedRuntimeConfig.defaults(), "u",
        container("c", 0, Map.of("sim.capstan.io/duration", "a while"), false)))
        .isInstanceOf(ContainerRuntimeException.class).hasMessageContaining("sim.capstan.io/duration");
    assertThatThrownBy(() -> SimulatedBehavior.of(SimulatedRuntimeConfig.defaults(), "u",
        container("c", 0, Map.of("sim.capstan.io/exit-code", "300"), false)))
        .hasMessageContaining("sim.capstan.io/exit-code");
    assertThatThrownBy(() -> SimulatedBehavior.of(SimulatedRuntimeConfig.defaults(), "u",
        container("c", 0, Map.of("sim.capstan.io/liveness", "maybe"), false)))
        .hasMessageContaining("sim.capstan.io/liveness");
  }
}
