package io.capstan.plugins.research.policies;

import static io.capstan.plugins.research.GpuFixtures.node;
import static io.capstan.plugins.research.GpuFixtures.placed;
import static io.capstan.plugins.research.GpuFixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.plugins.research.gpu.Fragmentation;
import io.capstan.plugins.research.gpu.GpuLedger;
import io.capstan.plugins.research.gpu.NodeGpu;
import io.capstan.plugins.research.gpu.PodGpu;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.NodeScore;
import io.capstan.spi.scheduler.ScorePlugin;
import io.capstan.tck.scheduler.TestFrameworkHandle;
import io.capstan.tck.scheduler.TestNodeInfo;
import io.capstan.tck.scheduler.TestSnapshot;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Worked examples for each policy, with the arithmetic of openb-fgd.md written out. */
class GpuPoliciesPluginTest {

  private static final TestFrameworkHandle HANDLE = new TestFrameworkHandle(TestSnapshot.of(List.of()));

  private static long score(ScorePlugin plugin, Pod pod, NodeInfo node) {
    return plugin.score(new CycleState(), pod, node).score();
  }

  /** 8 GPUs, 64 cores free of 128: four GPUs fully used by whole-GPU pods. */
  private static TestNodeInfo halfUsed() {
    return TestNodeInfo.of(node("half", "G2", 128000, 8), placed("a", 16000, 1, 1000, "0"),
        placed("b", 16000, 1, 1000, "1"), placed("c", 16000, 1, 1000, "2"), placed("d", 16000, 1, 1000, "3"));
  }

  @Test
  void dotProductPrefersTheTightestFit() {
    DotProduct plugin = new DotProduct(new NoConfig(), HANDLE);
    // node (64000/128000, 4000/8000) · pod (8000/128000, 1000/8000) = 0.03125 + 0.0625 = 0.09375;
    // int(100 · (1 − 0.09375 / 2)) = int(95.3125) = 95
    assertThat(score(plugin, pod("p", 8000, 1, 1000), halfUsed())).isEqualTo(95);
    // idle node (1, 1): 0.0625 + 0.125 = 0.1875 → int(90.625) = 90, so the used node wins
    assertThat(score(plugin, pod("p", 8000, 1, 1000), TestNodeInfo.of(node("idle", "G2", 128000, 8)))).isEqualTo(90);
    // not enough CPU → 0
    assertThat(score(plugin, pod("p", 70000, 1, 1000), halfUsed())).isZero();
  }

  @Test
  void bestFitScoresLeftoverAndNormalisesMinMax() {
    BestFit plugin = new BestFit(new NoConfig(), HANDLE);
    // s = 0.5 · 56000/128000 + 0.5 · 3000/8000 = 0.21875 + 0.1875 = 0.40625 → int(59.375) = 59
    assertThat(score(plugin, pod("p", 8000, 1, 1000), halfUsed())).isEqualTo(59);
    List<NodeScore> scores = new ArrayList<>(List.of(new NodeScore("a", 59), new NodeScore("b", 40),
        new NodeScore("c", 80)));
    plugin.normalizeScore(new CycleState(), pod("p", 8000, 1, 1000), scores);
    assertThat(scores).extracting(NodeScore::score).containsExactly(47L, 0L, 100L);
    List<NodeScore> equal = new ArrayList<>(List.of(new NodeScore("a", 5), new NodeScore("b", 5)));
    plugin.normalizeScore(new CycleState(), pod("p", 8000, 1, 1000), equal);
    assertThat(equal).extracting(NodeScore::score).containsExactly(0L, 0L);
  }

  @Test
  void gpuClusteringPacksTheSameClassTogether() {
    GpuClustering plugin = new GpuClustering(new NoConfig(), HANDLE);
    TestNodeInfo shared = TestNodeInfo.of(node("s", "G2", 128000, 8), placed("x", 1000, 1, 500, "0"));
    // base = 25 · (8000 − 7500) / 8000 = 1 (integer); only "share" here → 1 + 75
    assertThat(score(plugin, pod("p", 1000, 1, 300), shared)).isEqualTo(76);
    // a 1-gpu pod: the node hosts only other classes → base
    assertThat(score(plugin, pod("p", 1000, 1, 1000), shared)).isEqualTo(1);
    // an empty node: base 0 + 25
    assertThat(score(plugin, pod("p", 1000, 1, 1000), TestNodeInfo.of(node("e", "G2", 128000, 8)))).isEqualTo(25);
    TestNodeInfo mixed = shared.withPod(placed("y", 1000, 1, 1000, "1"));
    // base = 25 · 1500 / 8000 = 4; this class and others → 4 + 50
    assertThat(score(plugin, pod("p", 1000, 1, 300), mixed)).isEqualTo(54);
    assertThat(score(plugin, pod("cpu", 1000, 0, 0), mixed)).isZero();
  }

  @Test
  void gpuPackingPrefersSharedGpusThenUsedNodesThenSmallIdleNodes() {
    GpuPacking plugin = new GpuPacking(new NoConfig(), HANDLE);
    assertThat(score(plugin, pod("p", 1000, 1, 200), TestNodeInfo.of(node("i8", "G2", 96000, 8))))
        .isEqualTo(25); // max(33 − 8, 8)
    assertThat(score(plugin, pod("p", 1000, 1, 200), TestNodeInfo.of(node("i2", "T4", 96000, 2))))
        .isEqualTo(31); // max(33 − 2, 2)
    TestNodeInfo partly = TestNodeInfo.of(node("p", "G2", 96000, 8), placed("x", 0, 1, 700, "0"));
    // best choice: GPU 0 (300 free = 30 %) → max(100 − 30/10, 50) = 97
    assertThat(score(plugin, pod("p", 1000, 1, 200), partly)).isEqualTo(97);
    // a whole GPU on a used node takes a fully free GPU → max(50 − 1, 33) = 49
    assertThat(score(plugin, pod("p", 1000, 1, 1000), partly)).isEqualTo(49);
    assertThat(score(plugin, pod("cpu", 1000, 0, 0), partly)).isZero();
  }

  @Test
  void randomGivesOneSeededFeasibleNodeFullMarks() {
    List<NodeInfo> nodes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      nodes.add(TestNodeInfo.of(node("n" + i, "G2", 96000, 8)));
    }
    List<String> picks = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      RandomScore plugin = new RandomScore(new RandomScore.Args(7), new TestFrameworkHandle(TestSnapshot.of(nodes)));
      CycleState state = new CycleState();
      Pod p = pod("p", 1000, 1, 500);
      plugin.preScore(state, p, nodes);
      List<Long> scores = nodes.stream().map(n -> plugin.score(state, p, n).score()).toList();
      assertThat(scores).containsOnly(0L, 100L).filteredOn(s -> s == 100L).hasSize(1);
      picks.add(nodes.get(scores.indexOf(100L)).nodeName());
    }
    assertThat(picks.get(0)).isEqualTo(picks.get(1));
  }

  @Test
  void fgdScoresTheFragmentationGradient() {
    List<Fragmentation.TaskClass> workload = List.of(new Fragmentation.TaskClass(4000, 1, 1000, "", 50),
        new Fragmentation.TaskClass(4000, 1, 500, "", 30), new Fragmentation.TaskClass(2000, 0, 0, "", 20));
    Fragmentation frag = new Fragmentation(workload);
    int[] idle = {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000};
    // idle node: only the CPU class (p = 0.2) counts all 8000 free milli → F = 1600
    assertThat(frag.of(new NodeGpu("G2", 96000, idle))).isEqualTo(1600.0);
    // GPU 0 at 500: the 1-GPU class (0.5) cannot use its 500, CPU class 0.2 · 7500 → 250 + 1500 = 1750
    int[] half = idle.clone();
    half[0] = 500;
    assertThat(frag.of(new NodeGpu("G2", 96000, half))).isEqualTo(1750.0);
    Fgd plugin = new Fgd(new Fgd.Args(workload), HANDLE);
    Pod share = pod("p", 4000, 1, 500);
    // idle: after = 1750 → Δ = −150 → int(100 · sigmoid(−0.15)) = 46
    assertThat(score(plugin, share, TestNodeInfo.of(node("i", "G2", 96000, 8)))).isEqualTo(46);
    // GPU 0 at 500 free: filling it leaves F = 0.2 · 7000 = 1400 → Δ = 350 → int(58.66) = 58
    TestNodeInfo used = TestNodeInfo.of(node("u", "G2", 96000, 8), placed("x", 0, 1, 500, "0"));
    assertThat(score(plugin, share, used)).isEqualTo(58);
    // device choice: the GPU that leaves the least fragmentation (GPU 2 at 500, not GPU 0 at 800)
    NodeGpu node = new NodeGpu("G2", 96000, new int[] {800, 1000, 500, 1000});
    assertThat(Fgd.choose(frag, node, new PodGpu(4000, 1, 500, Set.of()))).containsExactly(2);
    assertThat(GpuLedger.of(HANDLE).deviceChoice()).isNotNull();
  }
}
