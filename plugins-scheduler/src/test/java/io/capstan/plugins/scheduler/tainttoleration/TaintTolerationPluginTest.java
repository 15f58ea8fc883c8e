package io.capstan.plugins.scheduler.tainttoleration;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.scheduler.SchedulerPluginFactory;
import io.capstan.spi.scheduler.Status;
import io.capstan.tck.scheduler.AbstractSchedulerPluginConformanceTest;
import io.capstan.tck.scheduler.TestFrameworkHandle;
import io.capstan.tck.scheduler.TestNodes;
import io.capstan.tck.scheduler.TestPods;
import io.capstan.tck.scheduler.TestScheduler;
import io.capstan.tck.scheduler.TestSnapshot;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TaintToleration: filter on NoSchedule/NoExecute, score on PreferNoSchedule, reverse normalize. */
class TaintTolerationPluginTest extends AbstractSchedulerPluginConformanceTest {

  private static final TestSnapshot CLUSTER = TestSnapshot.builder()
      .node(TestNodes.node("clean").build())
      .node(TestNodes.node("one").taint("spot", "true", "PreferNoSchedule").build())
      .node(TestNodes.node("two").taint("spot", "true", "PreferNoSchedule")
          .taint("slow", "disk", "PreferNoSchedule").build())
      .node(TestNodes.node("twoOneTolerated").taint("spot", "true", "PreferNoSchedule")
          .taint("legacy", "", "PreferNoSchedule").build())
      .node(TestNodes.node("dedicated").taint("dedicated", "gpu", "NoSchedule").build())
      .build();

  @Override
  protected SchedulerPluginFactory<?> factory() {
    return new TaintTolerationFactory();
  }

  @Override
  protected List<Scenario> scenarios() {
    return List.of(new Scenario("taints", CLUSTER, tolerating()),
        new Scenario("no tolerations", CLUSTER, TestPods.pod("p").build()));
  }

  /** Tolerates legacy for scoring (PreferNoSchedule) and slow only for NoSchedule (not scoring). */
  private static Pod tolerating() {
    return TestPods.pod("p").toleration("legacy", "Exists", null, "PreferNoSchedule")
        .toleration("slow", "Equal", "disk", "NoSchedule").build();
  }

  @Test
  void preferNoScheduleTaintsAreCountedAndNormalizedInReverse() {
    TestFrameworkHandle handle = new TestFrameworkHandle(CLUSTER);
    var result = TestScheduler.over(handle).plugin(new TaintToleration(null), 3).schedule(tolerating());
    // raw = untolerated PreferNoSchedule taints: clean 0, one 1, two 2 (the NoSchedule toleration
    // of "slow" does not count for scoring), twoOneTolerated 1 (legacy tolerated); dedicated is
    // filtered out by its NoSchedule taint.
    assertThat(result.rawScores().get("TaintToleration"))
        .containsExactly(Map.entry("clean", 0L), Map.entry("one", 1L), Map.entry("two", 2L),
            Map.entry("twoOneTolerated", 1L));
    // normalize: max 2, 100 - 100*raw/2 -> 100, 50, 0, 50; weight 3 -> 300, 150, 0, 150
    assertThat(result.normalizedScores().get("TaintToleration")).containsExactly(
        Map.entry("clean", 100L), Map.entry("one", 50L), Map.entry("two", 0L),
        Map.entry("twoOneTolerated", 50L));
    assertThat(result.totals().get("clean")).isEqualTo(300);
    assertThat(result.selectedNode()).contains("clean");
  }

  @Test
  void noPreferNoScheduleTaintsAnywhereGivesEveryNode100() {
    TestSnapshot plain = TestSnapshot.builder().node(TestNodes.node("a").build())
        .node(TestNodes.node("b").build()).build();
    var result = TestScheduler.over(new TestFrameworkHandle(plain)).plugin(new TaintToleration(null))
        .schedule(TestPods.pod("p").build());
    assertThat(result.normalizedScores().get("TaintToleration").values()).containsOnly(100L);
  }

  @Test
  void untoleratedNoScheduleAndNoExecuteTaintsRejectForGood() {
    TaintToleration plugin = new TaintToleration(null);
    var dedicated = CLUSTER.get("dedicated").orElseThrow();
    Status s = plugin.filter(null, TestPods.pod("p").build(), dedicated);
    assertThat(s.code()).isEqualTo(Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
    assertThat(s.reasons()).containsExactly("node(s) had untolerated taint {dedicated: gpu}");
    Pod exists = TestPods.pod("p").toleration("dedicated", "Exists", null, null).build();
    assertThat(plugin.filter(null, exists, dedicated).isSuccess()).isTrue();
    Pod wrongValue = TestPods.pod("p").toleration("dedicated", "Equal", "cpu", "NoSchedule").build();
    assertThat(plugin.filter(null, wrongValue, dedicated).isSuccess()).isFalse();
    Pod everything = TestPods.pod("p").toleration(null, "Exists", null, null).build();
    assertThat(plugin.filter(null, everything, dedicated).isSuccess()).isTrue();
    var noExecute = TestSnapshot.builder().node(TestNodes.node("x")
        .taint("node.kubernetes.io/unreachable", null, "NoExecute").build()).build().list().get(0);
    assertThat(plugin.filter(null, TestPods.pod("p").build(), noExecute).reasons())
        .containsExactly("node(s) had untolerated taint {node.kubernetes.io/unreachable: }");
    // PreferNoSchedule never filters
    assertThat(plugin.filter(null, TestPods.pod("p").build(), CLUSTER.get("two").orElseThrow())
        .isSuccess()).isTrue();
  }
}
