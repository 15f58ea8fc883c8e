package io.capstan.plugins.scheduler.podtopologyspread;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.plugins.scheduler.noderesourcesfit.NodeResourcesFitFactory;
import io.capstan.spi.scheduler.SchedulerPluginFactory;
import io.capstan.spi.scheduler.Status;
import io.capstan.tck.scheduler.AbstractSchedulerPluginConformanceTest;
import io.capstan.tck.scheduler.TestFrameworkHandle;
import io.capstan.tck.scheduler.TestNodes;
import io.capstan.tck.scheduler.TestPlugins;
import io.capstan.tck.scheduler.TestPods;
import io.capstan.tck.scheduler.TestScheduler;
import io.capstan.tck.scheduler.TestSnapshot;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PodTopologySpread: skew filter, minDomains, inclusion policies, ln-weighted score, defaults. */
class PodTopologySpreadPluginTest extends AbstractSchedulerPluginConformanceTest {

  private static final String ZONE = "topology.kubernetes.io/zone";
  private static final String HOST = "kubernetes.io/hostname";
  private static final Map<String, String> FOO = Map.of("foo", "bar");

  private static Pod foo(String name) {
    return TestPods.pod(name).label("foo", "bar").build();
  }

  /** z1: a (2 matching pods), b (1); z2: x (0), y (1); plus a pod of another namespace on x. */
  private static final TestSnapshot CLUSTER = TestSnapshot.builder()
      .node(TestNodes.node("a").zone("z1").build(), foo("a1"), foo("a2"), TestPods.pod("other").build())
      .node(TestNodes.node("b").zone("z1").build(), foo("b1"))
      .node(TestNodes.node("x").zone("z2").build(), TestPods.pod("x1").namespace("elsewhere").label("foo", "bar").build())
      .node(TestNodes.node("y").zone("z2").build(), foo("y1"))
      .build();

  @Override
  protected SchedulerPluginFactory<?> factory() {
    return new PodTopologySpreadFactory();
  }

  @Override
  protected List<Scenario> scenarios() {
    return List.of(
        new Scenario("zone hard", CLUSTER, TestPods.pod("p").label("foo", "bar")
            .spread(1, ZONE, "DoNotSchedule", FOO).build()),
        new Scenario("zone and host soft", CLUSTER, TestPods.pod("p").label("foo", "bar")
            .spread(1, ZONE, "ScheduleAnyway", FOO).spread(2, HOST, "ScheduleAnyway", FOO).build()));
  }

  private static TestScheduler.CycleResult run(TestSnapshot cluster, Pod pod) {
    TestFrameworkHandle handle = new TestFrameworkHandle(cluster);
    return TestScheduler.over(handle)
        .plugin(TestPlugins.create(new PodTopologySpreadFactory(), Map.of(), handle), 2)
        .schedule(pod);
  }

  @Test
  void skewIsMatchingInTheDomainPlusSelfMinusTheGlobalMinimum() {
    // zone counts: z1 = 3, z2 = 1 (the pod in namespace "elsewhere" does not count); min 1
    // z1: 3 + 1 - 1 = 3 > 1 rejected; z2: 1 + 1 - 1 = 1 <= 1 passes
    var zone = run(CLUSTER, TestPods.pod("p").label("foo", "bar").spread(1, ZONE, "DoNotSchedule", FOO).build());
    assertThat(zone.feasibleNodes()).containsExactly("x", "y");
    assertThat(zone.filterStatuses().get("a").code()).isEqualTo(Status.Code.UNSCHEDULABLE);
    assertThat(zone.filterStatuses().get("a").reasons()).containsExactly(PodTopologySpread.REASON_CONSTRAINTS);
    // plus hostname maxSkew 1: counts a 2, b 1, x 0, y 1, min 0 -> y: 1 + 1 - 0 = 2 > 1
    var both = run(CLUSTER, TestPods.pod("p").label("foo", "bar").spread(1, ZONE, "DoNotSchedule", FOO)
        .spread(1, HOST, "DoNotSchedule", FOO).build());
    assertThat(both.feasibleNodes()).containsExactly("x");
    // a pod that does not match its own selector adds no self-match: z1 3 + 0 - 1 = 2 > 1, z2 0
    var notSelf = run(CLUSTER, TestPods.pod("p").spread(2, ZONE, "DoNotSchedule", FOO).build());
    assertThat(notSelf.feasibleNodes()).containsExactly("a", "b", "x", "y");
  }

  @Test
  void minDomainsForcesTheMinimumToZeroAndMissingKeysAreUnresolvable() {
    Pod pod = TestPods.pod("p").label("foo", "bar").spread(new TopologySpreadConstraintBuilder()
        .withMaxSkew(1).withTopologyKey(ZONE).withWhenUnsatisfiable("DoNotSchedule").withMinDomains(3)
        .withLabelSelector(new LabelSelectorBuilder().withMatchLabels(FOO).build()).build()).build();
    // 2 domains < minDomains 3 -> min 0: z2 1 + 1 - 0 = 2 > 1, z1 4 > 1
    assertThat(run(CLUSTER, pod).feasibleNodes()).isEmpty();
    TestSnapshot withBare = TestSnapshot.builder().node(TestNodes.node("bare").build())
        .node(TestNodes.node("z").zone("z9").build()).build();
    var r = run(withBare, TestPods.pod("p").label("foo", "bar").spread(1, ZONE, "DoNotSchedule", FOO).build());
    assertThat(r.filterStatuses().get("bare").code()).isEqualTo(Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
    assertThat(r.filterStatuses().get("bare").reasons()).containsExactly(PodTopologySpread.REASON_LABEL);
  }

  @Test
  void nodeAffinityPolicyHonorCountsOnlyNodesThePodCouldUse() {
    // Honor (default): z2 nodes do not match the pod's nodeSelector, so only z1 counts: min 3,
    // z1: 3 + 1 - 3 = 1 passes
    Pod honor = TestPods.pod("p").label("foo", "bar").nodeSelector(ZONE, "z1")
        .spread(1, ZONE, "DoNotSchedule", FOO).build();
    assertThat(run(CLUSTER, honor).feasibleNodes()).containsExactly("a", "b", "x", "y");
    // Ignore: z2 counts again, min 1: z1 3 + 1 - 1 = 3 > 1
    Pod ignore = TestPods.pod("p").label("foo", "bar").nodeSelector(ZONE, "z1")
        .spread(new TopologySpreadConstraintBuilder().withMaxSkew(1).withTopologyKey(ZONE)
            .withWhenUnsatisfiable("DoNotSchedule").withNodeAffinityPolicy("Ignore")
            .withLabelSelector(new LabelSelectorBuilder().withMatchLabels(FOO).build()).build()).build();
    assertThat(run(CLUSTER, ignore).feasibleNodes()).containsExactly("x", "y");
  }

  @Test
  void nodeTaintsPolicyHonorSkipsTaintedNodes() {
    TestSnapshot tainted = TestSnapshot.builder()
        .node(TestNodes.node("a").build(), foo("a1"))
        .node(TestNodes.node("t").taint("maint", "", "NoSchedule").build())
        .node(TestNodes.node("y").build(), foo("y1")).build();
    var honor = new TopologySpreadConstraintBuilder().withMaxSkew(1).withTopologyKey(HOST)
        .withWhenUnsatisfiable("DoNotSchedule").withNodeTaintsPolicy("Honor")
        .withLabelSelector(new LabelSelectorBuilder().withMatchLabels(FOO).build()).build();
    // Honor: the tainted node t is no domain, min over a (1), y (1) = 1 -> a: 1 + 1 - 1 = 1 fits
    assertThat(run(tainted, TestPods.pod("p").label("foo", "bar").spread(honor).build()).feasibleNodes())
        .contains("a", "y");
    // Ignore (default): t counts with 0, min 0 -> a: 1 + 1 - 0 = 2 > 1
    assertThat(run(tainted, TestPods.pod("p").label("foo", "bar").spread(1, HOST, "DoNotSchedule", FOO)
        .build()).feasibleNodes()).containsExactly("t");
  }

  @Test
  void scoreWeighsMatchesByTheLogOfTheDomainCountAndNormalizesInReverse() {
    TestSnapshot withBare = TestSnapshot.builder()
        .node(TestNodes.node("a").zone("z1").build(), foo("a1"), foo("a2"))
        .node(TestNodes.node("b").zone("z1").build(), foo("b1"))
        .node(TestNodes.node("x").zone("z2").build())
        .node(TestNodes.node("y").zone("z2").build(), foo("y1"))
        .node(TestNodes.node("nozone").build())
        .build();
    var r = run(withBare, TestPods.pod("p").label("foo", "bar").spread(1, ZONE, "ScheduleAnyway", FOO)
        .spread(2, HOST, "ScheduleAnyway", FOO).build());
    // nozone lacks the zone key: ignored, raw 0 and normalized 0
    // zone weight ln(2 zones + 2) = 1.386294, host weight ln(4 non-ignored nodes + 2) = 1.791759
    // a: 3*1.386294 + 0 + 2*1.791759 + 1 = 8.742 -> 9;  b: 4.158883 + 1.791759 + 1 = 6.95 -> 7
    // x: 1.386294 + 0 + 1 = 2.386 -> 2;                y: 1.386294 + 1.791759 + 1 = 4.178 -> 4
    assertThat(r.rawScores().get("PodTopologySpread")).containsExactly(Map.entry("a", 9L),
        Map.entry("b", 7L), Map.entry("x", 2L), Map.entry("y", 4L), Map.entry("nozone", 0L));
    // 100*(max + min - s)/max with max 9, min 2: a 22, b 44, x 100, y 77
    assertThat(r.normalizedScores().get("PodTopologySpread")).containsExactly(Map.entry("a", 22L),
        Map.entry("b", 44L), Map.entry("x", 100L), Map.entry("y", 77L), Map.entry("nozone", 0L));
  }

  @Test
  void systemDefaultsSpreadPodsOfTheSameReplicaSet() {
    TestSnapshot cluster = TestSnapshot.builder()
        .node(TestNodes.node("n1").zone("z1").build(), web("w1"), web("w2"))
        .node(TestNodes.node("n2").zone("z1").build())
        .node(TestNodes.node("n3").zone("z2").build(), web("w3")).build();
    TestFrameworkHandle handle = new TestFrameworkHandle(cluster).addObject(new ReplicaSetBuilder()
        .withNewMetadata().withName("rs1").withNamespace("default").endMetadata()
        .withNewSpec().withNewSelector().withMatchLabels(Map.of("app", "web")).endSelector().endSpec().build());
    var plugin = TestPlugins.create(new PodTopologySpreadFactory(), Map.of(), handle);
    var r = TestScheduler.over(handle).plugin(plugin, 2).schedule(web("new"));
    // hostname maxSkew 3: weight ln(3+2) = 1.609438; zone maxSkew 5: weight ln(2+2) = 1.386294
    // n1: 2*1.609438 + 2 + 2*1.386294 + 4 = 11.99 -> 12; n2: 0 + 2 + 2.772589 + 4 = 8.77 -> 9
    // n3: 1.609438 + 2 + 1.386294 + 4 = 8.996 -> 9
    assertThat(r.rawScores().get("PodTopologySpread").values()).containsExactly(12L, 9L, 9L);
    // max 12, min 9: n1 100*(21-12)/12 = 75, n2 and n3 100*(21-9)/12 = 100
    assertThat(r.normalizedScores().get("PodTopologySpread").values()).containsExactly(75L, 100L, 100L);
    // a pod no Service or controller selects gets no default constraints: PreScore skips
    var alone = TestScheduler.over(handle).plugin(plugin, 2).schedule(TestPods.pod("solo").build());
    assertThat(alone.normalizedScores()).doesNotContainKey("PodTopologySpread");
  }

  private static Pod web(String name) {
    return TestPods.pod(name).label("app", "web").controller("apps/v1", "ReplicaSet", "rs1").build();
  }

  @Test
  void preemptionSeesTheSpreadChangeThroughPreFilterExtensions() {
    // with a resource filter too, removing a1 and a2 from a lowers z1 to 1: 1 + 1 - 1 = 1 fits
    TestFrameworkHandle handle = new TestFrameworkHandle(CLUSTER);
    var spread = (PodTopologySpread) TestPlugins.create(new PodTopologySpreadFactory(), Map.of(), handle);
    TestScheduler.over(handle).plugin(spread).plugin(
        TestPlugins.create(new NodeResourcesFitFactory(), Map.of(), handle));
    Pod pod = TestPods.pod("p").label("foo", "bar").spread(1, ZONE, "DoNotSchedule", FOO).build();
    var state = new io.capstan.spi.scheduler.CycleState();
    spread.preFilter(state, pod, CLUSTER.list());
    var a = CLUSTER.get("a").orElseThrow();
    assertThat(spread.filter(state, pod, a).isSuccess()).isFalse();
    for (var p : a.pods()) {
      handle.runPreFilterExtensionRemovePod(state, pod, p, a);
    }
    assertThat(spread.filter(state, pod, a).isSuccess()).isTrue();
  }

  @Test
  void matchLabelKeysNarrowTheSelectorToThePodsOwnRevision() {
    // two revisions of one app: a holds 2 pods of hash h1, b holds 1 of h2; the new pod is h2
    TestSnapshot cluster = TestSnapshot.builder()
        .node(TestNodes.node("a").build(), rev("a1", "h1"), rev("a2", "h1"))
        .node(TestNodes.node("b").build(), rev("b1", "h2")).build();
    var byRevision = new TopologySpreadConstraintBuilder().withMaxSkew(1).withTopologyKey(HOST)
        .withWhenUnsatisfiable("DoNotSchedule").withMatchLabelKeys("pod-template-hash")
        .withLabelSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("app", "web")).build()).build();
    // only h2 pods count: a 0, b 1, min 0 -> a: 0 + 1 - 0 = 1 fits, b: 1 + 1 - 0 = 2 > 1
    assertThat(run(cluster, TestPods.pod("new").label("app", "web").label("pod-template-hash", "h2")
        .spread(byRevision).build()).feasibleNodes()).containsExactly("a");
    // without matchLabelKeys all revisions count: a 2, b 1, min 1 -> a: 2 > 1, b: 1 + 1 - 1 = 1 fits
    assertThat(run(cluster, TestPods.pod("new").label("app", "web").label("pod-template-hash", "h2")
        .spread(1, HOST, "DoNotSchedule", Map.of("app", "web")).build()).feasibleNodes()).containsExactly("b");
  }

  private static Pod rev(String name, String hash) {
    return TestPods.pod(name).label("app", "web").label("pod-template-hash", hash).build();
  }
}
