package io.capstan.examples.scheduler.gpufit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.spi.plugin.InvalidConfigException;
import io.capstan.spi.plugin.PluginConfigMapper;
import io.capstan.spi.scheduler.SchedulerPluginFactory;
import io.capstan.spi.scheduler.Status;
import io.capstan.tck.scheduler.AbstractSchedulerPluginConformanceTest;
import io.capstan.tck.scheduler.TestFrameworkHandle;
import io.capstan.tck.scheduler.TestNodes;
import io.capstan.tck.scheduler.TestPlugins;
import io.capstan.tck.scheduler.TestPods;
import io.capstan.tck.scheduler.TestScheduler;
import io.capstan.tck.scheduler.TestSnapshot;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GpuFit's behaviour, plus the kit's conformance checks (name, statuses, copied cycle state...)
 * inherited from {@link AbstractSchedulerPluginConformanceTest}.
 */
class GpuFitPluginTest extends AbstractSchedulerPluginConformanceTest {

  /** gpu-4: 4 GPUs, 3 in use; gpu-2: 2 GPUs, free; cpu: no GPUs. */
  static final TestSnapshot CLUSTER = TestSnapshot.builder()
      .node(TestNodes.node("gpu-4").allocatable("nvidia.com/gpu", "4").build(),
          TestPods.pod("trainer").request("nvidia.com/gpu", "3").build())
      .node(TestNodes.node("gpu-2").allocatable("nvidia.com/gpu", "2").build())
      .node(TestNodes.node("cpu").build())
      .build();

  @Override
  protected SchedulerPluginFactory<?> factory() {
    return new GpuFitFactory();
  }

  @Override
  protected List<Scenario> scenarios() {
    return List.of(new Scenario("one gpu", CLUSTER, gpus("p", "1")),
        new Scenario("no gpu", CLUSTER, TestPods.pod("web").cpu("100m").build()));
  }

  static Pod gpus(String name, String count) {
    return TestPods.pod(name).cpu("1").request("nvidia.com/gpu", count).build();
  }

  private static TestScheduler.CycleResult schedule(Pod pod, Map<String, ?> args) {
    TestFrameworkHandle handle = new TestFrameworkHandle(CLUSTER);
    return TestScheduler.over(handle).plugin(TestPlugins.create(new GpuFitFactory(), args, handle))
        .schedule(pod);
  }

  @Test
  void gpuPodsGoWhereEnoughGpusAreFree() {
    // gpu-4 has 4 - 3 = 1 free, gpu-2 has 2 free
    assertThat(schedule(gpus("p", "1"), Map.of()).feasibleNodes()).containsExactly("gpu-4", "gpu-2");
    var two = schedule(gpus("p", "2"), Map.of());
    assertThat(two.feasibleNodes()).containsExactly("gpu-2");
    // taken GPUs may be freed by preemption; a node without GPUs never helps
    assertThat(two.filterStatuses().get("gpu-4").code()).isEqualTo(Status.Code.UNSCHEDULABLE);
    assertThat(two.filterStatuses().get("gpu-4").reasons())
        .containsExactly("node(s) had too few free nvidia.com/gpu");
    assertThat(two.filterStatuses().get("cpu").code())
        .isEqualTo(Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
    // more GPUs than any node has: unresolvable everywhere
    var five = schedule(gpus("p", "5"), Map.of());
    assertThat(five.filterStatuses().values()).extracting(Status::code)
        .containsOnly(Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
  }

  @Test
  void podsWithoutGpusAreKeptOffGpuNodesUnlessDisabled() {
    Pod web = TestPods.pod("web").cpu("100m").build();
    var reserved = schedule(web, Map.of());
    assertThat(reserved.feasibleNodes()).containsExactly("cpu");
    assertThat(reserved.filterStatuses().get("gpu-2").reasons())
        .containsExactly("node(s) are reserved for GPU pods");
    assertThat(schedule(web, Map.of("reserveGpuNodes", false)).feasibleNodes())
        .containsExactly("gpu-4", "gpu-2", "cpu");
  }

  @Test
  void argsDefaultAndRejectNonExtendedResourceNames() {
    GpuFitArgs defaults = PluginConfigMapper.create().convertValue(Map.of(), GpuFitArgs.class);
    assertThat(defaults.resourceName()).isEqualTo("nvidia.com/gpu");
    assertThat(defaults.reserveGpuNodes()).isTrue();
    assertThatThrownBy(() -> new GpuFitArgs("gpu", null)).isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("nvidia.com/gpu");
  }
}
