package io.capstan.plugins.scheduler.noderesourcesbalancedallocation;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.plugin.PluginConfigMapper;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.SchedulerPluginFactory;
import io.capstan.tck.scheduler.AbstractSchedulerPluginConformanceTest;
import io.capstan.tck.scheduler.TestNodeInfo;
import io.capstan.tck.scheduler.TestNodes;
import io.capstan.tck.scheduler.TestPods;
import io.capstan.tck.scheduler.TestSnapshot;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** BalancedAllocation's std-dev formula (v1.23+), with actual requests (no 100m/200Mi defaults). */
class NodeResourcesBalancedAllocationPluginTest extends AbstractSchedulerPluginConformanceTest {

  @Override
  protected SchedulerPluginFactory<?> factory() {
    return new NodeResourcesBalancedAllocationFactory();
  }

  @Override
  protected List<Scenario> scenarios() {
    return List.of(new Scenario("two nodes", TestSnapshot.builder()
        .node(TestNodes.node("a").build(), TestPods.pod("e").cpu("2").build())
        .node(TestNodes.node("b").build()).build(), TestPods.pod("p").cpu("1").memory("1Gi").build()));
  }

  private static NodeResourcesBalancedAllocation plugin(Map<String, ?> args) {
    return new NodeResourcesBalancedAllocation(PluginConfigMapper.create()
        .convertValue(args, NodeResourcesBalancedAllocationArgs.class));
  }

  private static long score(NodeResourcesBalancedAllocation p, Pod pod, NodeInfo node) {
    CycleState state = new CycleState();
    assertThat(p.preScore(state, pod, List.of(node)).isSuccess()).isTrue();
    return p.score(state, pod, node).score();
  }

  private static final NodeInfo NODE = TestNodeInfo.of(
      TestNodes.node("n").cpu("4").memory("10000").allocatable("nvidia.com/gpu", "4").build());

  @Test
  void twoResourcesUseHalfTheDifference() {
    // cpu 3000/4000 = 0.75, memory 5000/10000 = 0.5; std = |0.75-0.5|/2 = 0.125 -> (1-0.125)*100 = 87
    assertThat(score(plugin(Map.of()), TestPods.pod("p").cpu("3").memory("5000").build(), NODE))
        .isEqualTo(87);
    // existing requests count: 1000m + 2000m of 4000 = 0.75, 2000 + 3000 of 10000 = 0.5 -> 87
    NodeInfo busy = TestNodeInfo.of(TestNodes.node("n").cpu("4").memory("10000").build(),
        TestPods.pod("e").cpu("1").memory("2000").build());
    assertThat(score(plugin(Map.of()), TestPods.pod("p").cpu("2").memory("3000").build(), busy))
        .isEqualTo(87);
  }

  @Test
  void threeResourcesUseThePopulationStandardDeviation() {
    var withGpu = plugin(Map.of("resources", List.of(Map.of("name", "cpu"), Map.of("name", "memory"),
        Map.of("name", "nvidia.com/gpu", "weight", 5))));
    // 0.75, 0.5, 0.25: mean 0.5, variance (0.0625+0+0.0625)/3 = 0.041667, std 0.204124
    // -> (1-0.204124)*100 = 79.58 -> 79 (weights are not used by the formula)
    Pod pod = TestPods.pod("p").cpu("3").memory("5000").request("nvidia.com/gpu", "1").build();
    assertThat(score(withGpu, pod, NODE)).isEqualTo(79);
    // a pod not asking for the gpu skips it: back to two fractions -> 87
    assertThat(score(withGpu, TestPods.pod("q").cpu("3").memory("5000").build(), NODE)).isEqualTo(87);
  }

  @Test
  void fractionsAreCappedAtOneAndMissingRequestsCountAsZero() {
    NodeInfo small = TestNodeInfo.of(TestNodes.node("s").cpu("1").memory("10000").build());
    // cpu 3000/1000 capped to 1.0, memory 0.5 -> std 0.25 -> 75
    assertThat(score(plugin(Map.of()), TestPods.pod("p").cpu("3").memory("5000").build(), small))
        .isEqualTo(75);
    // only memory requested: cpu fraction 0 (no default), memory 0.5 -> std 0.25 -> 75
    assertThat(score(plugin(Map.of()), TestPods.pod("p").memory("5000").build(), NODE)).isEqualTo(75);
  }

  @Test
  void bestEffortPodsAreSkippedAndZeroAllocatableIsIgnored() {
    assertThat(plugin(Map.of()).preScore(new CycleState(), TestPods.pod("p").build(), List.of(NODE))
        .isSkip()).isTrue();
    NodeInfo noMemory = TestNodeInfo.of(TestNodes.node("z").cpu("4").memory("0").build());
    // memory skipped (allocatable 0): one fraction -> std 0 -> 100
    assertThat(score(plugin(Map.of()), TestPods.pod("p").cpu("3").memory("5000").build(), noMemory))
        .isEqualTo(100);
  }
}
