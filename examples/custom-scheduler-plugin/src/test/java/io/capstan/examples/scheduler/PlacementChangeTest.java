package io.capstan.examples.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.examples.scheduler.gpufit.GpuFitFactory;
import io.capstan.examples.scheduler.labelpacking.LabelPackingFactory;
import io.capstan.plugins.scheduler.noderesourcesbalancedallocation.NodeResourcesBalancedAllocationFactory;
import io.capstan.plugins.scheduler.noderesourcesfit.NodeResourcesFitFactory;
import io.capstan.tck.scheduler.TestFrameworkHandle;
import io.capstan.tck.scheduler.TestNodes;
import io.capstan.tck.scheduler.TestPlugins;
import io.capstan.tck.scheduler.TestPods;
import io.capstan.tck.scheduler.TestScheduler;
import io.capstan.tck.scheduler.TestSnapshot;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's story, as a test: with Kubernetes' resource plugins alone a small web pod lands on
 * the big, empty GPU node; GpuFit keeps it off, LabelPacking (weight 5) packs it onto the batch
 * pool; a GPU pod still gets the GPU node. The same cluster as {@code manifests/}.
 */
class PlacementChangeTest {

  static final TestSnapshot CLUSTER = TestSnapshot.builder()
      .node(TestNodes.node("gpu-1").cpu("8").memory("32Gi").allocatable("nvidia.com/gpu", "4")
          .label("pool", "batch").build())
      .node(TestNodes.node("batch-1").cpu("4").memory("16Gi").label("pool", "batch").build(),
          TestPods.pod("etl").cpu("2").memory("4Gi").build())
      .node(TestNodes.node("web-1").cpu("4").memory("16Gi").build())
      .build();

  static final Pod WEB = TestPods.pod("web").cpu("500m").memory("1Gi").build();

  private static TestScheduler defaults(TestFrameworkHandle handle) {
    return TestScheduler.over(handle)
        .plugin(TestPlugins.create(new NodeResourcesFitFactory(), Map.of(), handle), 1)
        .plugin(TestPlugins.create(new NodeResourcesBalancedAllocationFactory(), Map.of(), handle), 1);
  }

  @Test
  void withKubernetesDefaultsTheWebPodTakesTheGpuNode() {
    var r = defaults(new TestFrameworkHandle(CLUSTER)).schedule(WEB);
    // NodeResourcesFit (LeastAllocated): gpu-1 (93+96)/2 = 94, batch-1 (37+68)/2 = 52, web-1 (87+93)/2 = 90
    // BalancedAllocation: gpu-1 98, batch-1 84, web-1 96 -> totals 192, 136, 186
    assertThat(r.totals()).containsExactly(Map.entry("gpu-1", 192L), Map.entry("batch-1", 136L),
        Map.entry("web-1", 186L));
    assertThat(r.selectedNode()).contains("gpu-1");
  }

  @Test
  void gpuFitKeepsItOffAndLabelPackingPacksItOntoTheBatchPool() {
    TestFrameworkHandle handle = new TestFrameworkHandle(CLUSTER);
    var withGpuFit = defaults(handle)
        .plugin(TestPlugins.create(new GpuFitFactory(), Map.of(), handle));
    assertThat(withGpuFit.schedule(WEB).selectedNode()).contains("web-1");
    var packed = withGpuFit.plugin(TestPlugins.create(new LabelPackingFactory(),
        Map.of("labelKey", "pool", "labelValue", "batch"), handle), 5).schedule(WEB);
    // LabelPacking: batch-1 50 + 50*2500/4000 = 81 (x5 = 405) + 136 = 541; web-1 0 + 186 = 186
    assertThat(packed.totals()).containsExactly(Map.entry("batch-1", 541L), Map.entry("web-1", 186L));
    assertThat(packed.selectedNode()).contains("batch-1");
  }

  @Test
  void aGpuPodStillGetsTheGpuNode() {
    TestFrameworkHandle handle = new TestFrameworkHandle(CLUSTER);
    var r = defaults(handle).plugin(TestPlugins.create(new GpuFitFactory(), Map.of(), handle))
        .schedule(TestPods.pod("train").cpu("1").memory("2Gi").request("nvidia.com/gpu", "1").build());
    assertThat(r.feasibleNodes()).containsExactly("gpu-1");
    assertThat(r.selectedNode()).contains("gpu-1");
  }
}
