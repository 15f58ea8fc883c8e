package io.capstan.plugins.scheduler.noderesourcesfit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.spi.plugin.PluginConfigMapper;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.SchedulerPluginFactory;
import io.capstan.spi.scheduler.Status;
import io.capstan.tck.scheduler.AbstractSchedulerPluginConformanceTest;
import io.capstan.tck.scheduler.TestFrameworkHandle;
import io.capstan.tck.scheduler.TestNodeInfo;
import io.capstan.tck.scheduler.TestNodes;
import io.capstan.tck.scheduler.TestPlugins;
import io.capstan.tck.scheduler.TestPods;
import io.capstan.tck.scheduler.TestSnapshot;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * NodeResourcesFit against Kubernetes' formulas (least_allocated.go, most_allocated.go,
 * requested_to_capacity_ratio.go, fit.go). Integer division truncates as Go's int64 does.
 */
class NodeResourcesFitPluginTest extends AbstractSchedulerPluginConformanceTest {

  @Override
  protected SchedulerPluginFactory<?> factory() {
    return new NodeResourcesFitFactory();
  }

  @Override
  protected List<Scenario> scenarios() {
    return List.of(
        new Scenario("fits and does not fit", TestSnapshot.builder()
            .node(TestNodes.node("small").cpu("1").build())
            .node(TestNodes.node("big").cpu("8").build()).build(),
            TestPods.pod("p").cpu("2").memory("1Gi").build()),
        new Scenario("no requests", TestSnapshot.builder()
            .node(TestNodes.node("n").build(), TestPods.pod("e").cpu("1").build()).build(),
            TestPods.pod("p").build()));
  }

  private static NodeResourcesFit plugin(Map<String, ?> args) {
    TestFrameworkHandle handle = new TestFrameworkHandle(TestSnapshot.builder().build());
    return (NodeResourcesFit) TestPlugins.create(new NodeResourcesFitFactory(), args, handle);
  }

  private static long score(NodeResourcesFit fit, Pod pod, NodeInfo node) {
    CycleState state = new CycleState();
    assertThat(fit.preScore(state, pod, List.of(node)).isSuccess()).isTrue();
    return fit.score(state, pod, node).score();
  }

  private static Status filter(NodeResourcesFit fit, Pod pod, NodeInfo node) {
    CycleState state = new CycleState();
    fit.preFilter(state, pod, List.of(node));
    return fit.filter(state, pod, node);
  }

  private static final Map<String, ?> LEAST = Map.of();
  private static final Map<String, ?> MOST = Map.of("scoringStrategy", Map.of("type", "MostAllocated"));

  // Kubernetes' own vector: two containers 1000m/2000 + 2000m/3000 = 3000m CPU, 5000 B memory.
  private static final Pod POD_3000_5000 = TestPods.pod("p").cpu("1").memory("2000")
      .container("c2", "img").cpu("2").memory("3000").build();
  private static final NodeInfo NODE_4000_10000 =
      TestNodeInfo.of(TestNodes.node("node1").cpu("4").memory("10000").build());
  private static final NodeInfo NODE_6000_10000 =
      TestNodeInfo.of(TestNodes.node("node2").cpu("6").memory("10000").build());

  @Test
  void leastAllocatedOnDifferentlySizedNodes() {
    NodeResourcesFit fit = plugin(LEAST);
    // node1: cpu (4000-3000)*100/4000 = 25, memory (10000-5000)*100/10000 = 50 -> (25+50)/2 = 37
    assertThat(score(fit, POD_3000_5000, NODE_4000_10000)).isEqualTo(37);
    // node2: cpu (6000-3000)*100/6000 = 50, memory 50 -> 50
    assertThat(score(fit, POD_3000_5000, NODE_6000_10000)).isEqualTo(50);
  }

  @Test
  void mostAllocatedOnDifferentlySizedNodes() {
    NodeResourcesFit fit = plugin(MOST);
    // node1: cpu 3000*100/4000 = 75, memory 5000*100/10000 = 50 -> 125/2 = 62
    assertThat(score(fit, POD_3000_5000, NODE_4000_10000)).isEqualTo(62);
    // node2: cpu 3000*100/6000 = 50, memory 50 -> 50
    assertThat(score(fit, POD_3000_5000, NODE_6000_10000)).isEqualTo(50);
  }

  @Test
  void podsWithoutRequestsAreScoredWithTheNonZeroDefaults() {
    Pod bare = TestPods.pod("bare").build();
    NodeInfo node = TestNodeInfo.of(TestNodes.node("n").cpu("4").memory("8Gi").build());
    // defaults 100m and 200Mi: cpu (4000-100)*100/4000 = 97 (97.5 truncated),
    // memory (8192Mi-200Mi)*100/8192Mi = 97 (97.56 truncated) -> 97
    assertThat(score(plugin(LEAST), bare, node)).isEqualTo(97);
    // an explicit 0 is kept: nothing requested -> 100 on both resources
    Pod zero = TestPods.pod("zero").cpu("0").memory("0").build();
    assertThat(score(plugin(LEAST), zero, node)).isEqualTo(100);
    // existing pods without requests count with the defaults too (NonZeroRequested):
    // 2 x 100m + 100m = 300m -> (4000-300)*100/4000 = 92; 600Mi -> (8192-600)*100/8192 = 92
    NodeInfo busy = TestNodeInfo.of(TestNodes.node("n").cpu("4").memory("8Gi").build(),
        TestPods.pod("e1").build(), TestPods.pod("e2").build());
    assertThat(score(plugin(LEAST), bare, busy)).isEqualTo(92);
    // MostAllocated clamps over-capacity defaults: 100m on a 50m node -> 100, 200Mi of 8Gi -> 2
    NodeInfo tiny = TestNodeInfo.of(TestNodes.node("t").cpu("50m").memory("8Gi").build());
    assertThat(score(plugin(MOST), bare, tiny)).isEqualTo((100 + 2) / 2);
  }

  @Test
  void zeroAllocatableSkipsTheResourceAndAllZeroScoresZero() {
    Pod pod = TestPods.pod("p").cpu("1").memory("1Gi").build();
    NodeInfo nothing = TestNodeInfo.of(TestNodes.node("z").cpu("0").memory("0").build());
    // both resources have allocatable 0: skipped, weight sum 0 -> 0
    assertThat(score(plugin(LEAST), pod, nothing)).isZero();
    // memory 0: only cpu counts, (4000-1000)*100/4000 = 75
    NodeInfo cpuOnly = TestNodeInfo.of(TestNodes.node("c").cpu("4").memory("0").build());
    assertThat(score(plugin(LEAST), pod, cpuOnly)).isEqualTo(75);
  }

  @Test
  void extendedResourcesWithWeightsCountOnlyWhereRequestedAndOffered() {
    NodeResourcesFit fit = plugin(Map.of("scoringStrategy", Map.of("resources", List.of(
        Map.of("name", "cpu", "weight", 1), Map.of("name", "memory", "weight", 1),
        Map.of("name", "nvidia.com/gpu", "weight", 2)))));
    NodeInfo gpuNode = TestNodeInfo.of(TestNodes.node("g1").allocatable("nvidia.com/gpu", "4").build(),
        TestPods.pod("e1").cpu("2").memory("2Gi").request("nvidia.com/gpu", "3").build());
    NodeInfo cpuNode = TestNodeInfo.of(TestNodes.node("c1").build());
    Pod gpuPod = TestPods.pod("p").cpu("1").memory("2Gi").request("nvidia.com/gpu", "1").build();
    // g1: cpu 3000 of 4000 -> 25, memory 4Gi of 8Gi -> 50, gpu 4 of 4 -> 0;
    //     (25*1 + 50*1 + 0*2) / (1+1+2) = 75/4 = 18
    assertThat(score(fit, gpuPod, gpuNode)).isEqualTo(18);
    // c1 offers no gpu: skipped; cpu 1000 of 4000 -> 75, memory 2Gi of 8Gi -> 75 -> 150/2 = 75
    assertThat(score(fit, gpuPod, cpuNode)).isEqualTo(75);
    // a pod not asking for a gpu skips it even where offered: cpu 25, memory 50 -> 75/2 = 37
    Pod cpuPod = TestPods.pod("q").cpu("1").memory("2Gi").build();
    assertThat(score(fit, cpuPod, gpuNode)).isEqualTo(37);
  }

  @Test
  void requestedToCapacityRatioRoundsAndDropsZeroScores() {
    NodeResourcesFit spread = plugin(Map.of("scoringStrategy", Map.of("type",
        "RequestedToCapacityRatio", "requestedToCapacityRatio", Map.of("shape", List.of(
            Map.of("utilization", 0, "score", 10), Map.of("utilization", 100, "score", 0))))));
    // cpu utilization 75 -> 100 + (0-100)*(75-0)/100 = 25; memory 50 -> 50; round(75/2=37.5) = 38
    assertThat(score(spread, POD_3000_5000, NODE_4000_10000)).isEqualTo(38);
    NodeResourcesFit pack = plugin(Map.of("scoringStrategy", Map.of("type",
        "RequestedToCapacityRatio", "requestedToCapacityRatio", Map.of("shape", List.of(
            Map.of("utilization", 0, "score", 0), Map.of("utilization", 100, "score", 1))))));
    // cpu 1000 of 4000 = 25% -> 0 + 10*25/100 = 2; memory 2500 of 10000 = 25% -> 2; -> 2
    Pod quarter = TestPods.pod("q").cpu("1").memory("2500").build();
    assertThat(score(pack, quarter, NODE_4000_10000)).isEqualTo(2);
    // cpu 200m of 4000 = 5% -> 10*5/100 = 0, dropped from both sums; memory 50% -> 5 -> 5/1 = 5
    Pod skewed = TestPods.pod("s").cpu("200m").memory("5000").build();
    assertThat(score(pack, skewed, NODE_4000_10000)).isEqualTo(5);
  }

  @Test
  void filterReportsKubernetesReasonsAndUnresolvableWhenLargerThanTheNode() {
    NodeResourcesFit fit = plugin(LEAST);
    NodeInfo node = TestNodeInfo.of(TestNodes.node("n").cpu("4").memory("8Gi").build(),
        TestPods.pod("e").cpu("3500m").memory("7Gi").build());
    Status cpu = filter(fit, TestPods.pod("p").cpu("1").build(), node);
    assertThat(cpu.code()).isEqualTo(Status.Code.UNSCHEDULABLE);
    assertThat(cpu.reasons()).containsExactly("Insufficient cpu");
    Status both = filter(fit, TestPods.pod("p").cpu("1").memory("2Gi").build(), node);
    assertThat(both.reasons()).containsExactly("Insufficient cpu", "Insufficient memory");
    Status huge = filter(fit, TestPods.pod("p").cpu("5").build(), node);
    assertThat(huge.code()).isEqualTo(Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
    assertThat(filter(fit, TestPods.pod("p").cpu("500m").build(), node).isSuccess()).isTrue();
    // a pod without requests only meets the pod-count check, whatever the node's usage
    assertThat(filter(fit, TestPods.pod("p").build(), node).isSuccess()).isTrue();
  }

  @Test
  void tooManyPodsAndExtendedResourcesAndIgnoredGroups() {
    NodeInfo full = TestNodeInfo.of(TestNodes.node("n").pods(1).build(), TestPods.pod("e").build());
    Status pods = filter(plugin(LEAST), TestPods.pod("p").build(), full);
    assertThat(pods.code()).isEqualTo(Status.Code.UNSCHEDULABLE);
    assertThat(pods.reasons()).containsExactly("Too many pods");
    NodeInfo gpus = TestNodeInfo.of(TestNodes.node("g").allocatable("example.com/gpu", "2").build(),
        TestPods.pod("e").request("example.com/gpu", "2").build());
    Pod wantsGpu = TestPods.pod("p").request("example.com/gpu", "1").build();
    Status gpu = filter(plugin(LEAST), wantsGpu, gpus);
    assertThat(gpu.reasons()).containsExactly("Insufficient example.com/gpu");
    assertThat(gpu.code()).isEqualTo(Status.Code.UNSCHEDULABLE);
    assertThat(filter(plugin(Map.of("ignoredResourceGroups", List.of("example.com"))), wantsGpu,
        gpus).isSuccess()).isTrue();
    assertThat(filter(plugin(Map.of("ignoredResources", List.of("example.com/gpu"))), wantsGpu,
        gpus).isSuccess()).isTrue();
  }

  @Test
  void argsAreValidatedWithKubernetesRules() {
    var mapper = PluginConfigMapper.create();
    assertThatThrownBy(() -> mapper.convertValue(Map.of("scoringStrategy", Map.of("resources",
        List.of(Map.of("name", "cpu", "weight", 101)))), NodeResourcesFitArgs.class))
        .hasMessageContaining("must be in 1..100");
    assertThatThrownBy(() -> mapper.convertValue(Map.of("scoringStrategy",
        Map.of("type", "RequestedToCapacityRatio")), NodeResourcesFitArgs.class))
        .hasMessageContaining("needs a shape");
    assertThatThrownBy(() -> mapper.convertValue(Map.of("scoringStrategy",
        Map.of("type", "Balanced")), NodeResourcesFitArgs.class))
        .hasMessageContaining("is not a scoring strategy");
    NodeResourcesFitArgs d = mapper.convertValue(Map.of("apiVersion", "kubescheduler.config.k8s.io/v1",
        "kind", "NodeResourcesFitArgs"), NodeResourcesFitArgs.class);
    assertThat(d.scoringStrategy().type()).isEqualTo("LeastAllocated");
    assertThat(d.scoringStrategy().resources()).isEqualTo(NodeResourcesFitArgs.DEFAULT_RESOURCES);
    NodeResourcesFitArgs zero = mapper.convertValue(Map.of("scoringStrategy", Map.of("resources",
        List.of(Map.of("name", "cpu", "weight", 0)))), NodeResourcesFitArgs.class);
    assertThat(zero.scoringStrategy().resources().get(0).weight()).isEqualTo(1L);
  }
}
