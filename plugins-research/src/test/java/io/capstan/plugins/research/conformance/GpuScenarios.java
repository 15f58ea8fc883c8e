package io.capstan.plugins.research.conformance;

import static io.capstan.plugins.research.GpuFixtures.node;
import static io.capstan.plugins.research.GpuFixtures.placed;
import static io.capstan.plugins.research.GpuFixtures.pod;

import io.capstan.tck.scheduler.AbstractSchedulerPluginConformanceTest;
import io.capstan.tck.scheduler.AbstractSchedulerPluginConformanceTest.Scenario;
import io.capstan.tck.scheduler.TestSnapshot;
import java.util.List;
import java.util.Map;

/** A small GPU cluster and the pod shapes of the openb trace, shared by the conformance tests. */
abstract class GpuScenarios extends AbstractSchedulerPluginConformanceTest {

  static TestSnapshot cluster() {
    return TestSnapshot.builder()
        .node(node("idle-8", "G2", 96000, 8))
        .node(node("used-8", "G2", 96000, 8), placed("a", 8000, 1, 700, "0"), placed("b", 16000, 2, 1000, "1,2"))
        .node(node("t4-2", "T4", 64000, 2), placed("c", 4000, 1, 500, "1"))
        .node(node("cpu", "", 64000, 0))
        .build();
  }

  @Override
  protected List<Scenario> scenarios() {
    return List.of(new Scenario("sharing pod", cluster(), pod("p", 4000, 1, 450)),
        new Scenario("whole GPU", cluster(), pod("p", 8000, 1, 1000)),
        new Scenario("two GPUs", cluster(), pod("p", 8000, 2, 1000)),
        new Scenario("CPU only", cluster(), pod("p", 12000, 0, 0)),
        new Scenario("model constraint", cluster(), pod("p", 4000, 1, 300, "T4", null)));
  }

  /** FGD's target workload as pluginConfig args. */
  static Map<String, ?> workload() {
    return Map.of("workload", List.of(
        Map.of("cpuMilli", 4000, "numGpu", 1, "milliPerGpu", 450, "gpuSpec", "", "weight", 5),
        Map.of("cpuMilli", 8000, "numGpu", 1, "milliPerGpu", 1000, "gpuSpec", "", "weight", 4),
        Map.of("cpuMilli", 12000, "numGpu", 0, "milliPerGpu", 0, "gpuSpec", "", "weight", 1)));
  }
}
