package io.capstan.plugins.node.simulated;

import io.capstan.runtime.clock.DeterministicExecutor;
import io.capstan.runtime.clock.VirtualClock;
import io.capstan.spi.node.ContainerConfig;
import io.capstan.spi.node.ContainerRuntime;
import io.capstan.tck.node.AbstractContainerRuntimeConformanceTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The simulated runtime on the virtual clock passes the runtime conformance suite. */
class SimulatedConformanceTest extends AbstractContainerRuntimeConformanceTest {

  private final DeterministicExecutor executor = new DeterministicExecutor(new VirtualClock(Instant.parse("2025-01-01T00:00:00Z")), 7);

  @Override
  protected ContainerRuntime createRuntime() {
    return new SimulatedRuntime(SimulatedRuntimeConfig.defaults(), executor.clock(), executor);
  }

  @Override
  protected ContainerConfig printsAndExits(String name, int attempt, List<String> lines, int exitCode, Duration after) {
    return config(name, attempt, Map.of("sim.capstan.io/log", String.join("\n", lines),
        "sim.capstan.io/exit-code", Integer.toString(exitCode), "sim.capstan.io/duration", after.toMillis() + "ms"));
  }

  @Override
  protected ContainerConfig runsUntilStopped(String name, int attempt, List<String> lines) {
    return config(name, attempt, lines.isEmpty() ? Map.of() : Map.of("sim.capstan.io/log", String.join("\n", lines)));
  }

  @Override
  protected ContainerConfig ignoresSigterm(String name) {
    return config(name, 0, Map.of("sim.capstan.io/termination-delay", "forever"));
  }

  private static ContainerConfig config(String name, int attempt, Map<String, String> annotations) {
    return new ContainerConfig(name, attempt, "busybox:1.36", List.of(), List.of(), Map.of(), "", labelsFor(name), annotations);
  }

  @Override
  protected void eventually(Duration within, Runnable assertion) {
    Duration step = Duration.ofMillis(100);
    for (Duration waited = Duration.ZERO; ; waited = waited.plus(step)) {
      executor.runUntilIdle();
      try {
        assertion.run();
        return;
      } catch (AssertionError e) {
        if (waited.compareTo(within) >= 0) {
          throw e;
        }
      }
      executor.advance(step);
    }
  }

  @org.junit.jupiter.api.Test
  void usageComesFromTheAnnotationsOverTheDefaultsWhileTheContainerRuns() throws Exception {
    ContainerRuntime runtime = new SimulatedRuntime(new SimulatedRuntimeConfig(null, null, null, null, null, null, null, null,
        null, null, null, null, null, "100m", "32Mi"), executor.clock(), executor);
    runtime.start();
    String sandbox = runtime.runPodSandbox(sandbox("usage"));
    String busy = runtime.createContainer(sandbox, config("busy", 0, Map.of("sim.capstan.io/cpu-usage.busy", "1500m",
        "sim.capstan.io/memory-usage", "1Gi")));
    String idle = runtime.createContainer(sandbox, config("idle", 0, Map.of()));
    runtime.startContainer(busy);
    runtime.startContainer(idle);
    executor.runUntilIdle();
    executor.advance(Duration.ofSeconds(10));
    var stats = runtime.containerStats(busy).orElseThrow();
    org.assertj.core.api.Assertions.assertThat(stats.cpuUsageCoreNanoSeconds()).as("1.5 cores for 10 s").isEqualTo(15_000_000_000L);
    org.assertj.core.api.Assertions.assertThat(stats.memoryWorkingSetBytes()).isEqualTo(1L << 30);
    var defaults = runtime.containerStats(idle).orElseThrow();
    org.assertj.core.api.Assertions.assertThat(defaults.cpuUsageCoreNanoSeconds()).isEqualTo(1_000_000_000L);
    org.assertj.core.api.Assertions.assertThat(defaults.memoryWorkingSetBytes()).isEqualTo(32L << 20);
    runtime.stopContainer(busy, Duration.ZERO);
    executor.runUntilIdle();
    executor.advance(Duration.ofSeconds(5));
    var stopped = runtime.containerStats(busy).orElseThrow();
    org.assertj.core.api.Assertions.assertThat(stopped.memoryWorkingSetBytes()).isZero();
    org.assertj.core.api.Assertions.assertThat(stopped.cpuUsageCoreNanoSeconds()).as("no CPU after the exit").isEqualTo(15_000_000_000L);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> runtime.createContainer(sandbox,
        config("bad", 0, Map.of("sim.capstan.io/cpu-usage", "much")))).hasMessageContaining("sim.capstan.io/cpu-usage");
    runtime.close();
  }
}
