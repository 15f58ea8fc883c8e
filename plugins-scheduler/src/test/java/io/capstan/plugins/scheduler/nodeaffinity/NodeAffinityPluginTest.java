package io.capstan.plugins.scheduler.nodeaffinity;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.plugin.PluginConfigMapper;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.PreFilterResult;
import io.capstan.spi.scheduler.SchedulerPluginFactory;
import io.capstan.spi.scheduler.Status;
import io.capstan.tck.scheduler.AbstractSchedulerPluginConformanceTest;
import io.capstan.tck.scheduler.TestFrameworkHandle;
import io.capstan.tck.scheduler.TestNodes;
import io.capstan.tck.scheduler.TestPods;
import io.capstan.tck.scheduler.TestScheduler;
import io.capstan.tck.scheduler.TestSnapshot;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** NodeAffinity: nodeSelector + required terms (filter), preferred weights (score), addedAffinity. */
class NodeAffinityPluginTest extends AbstractSchedulerPluginConformanceTest {

  private static final TestSnapshot CLUSTER = TestSnapshot.builder()
      .node(TestNodes.node("n1").zone("z1").label("disk", "ssd").label("cores", "8").build())
      .node(TestNodes.node("n2").zone("z1").label("cores", "2").build())
      .node(TestNodes.node("n3").zone("z2").label("gpu", "a100").build())
      .build();

  @Override
  protected SchedulerPluginFactory<?> factory() {
    return new NodeAffinityFactory();
  }

  @Override
  protected List<Scenario> scenarios() {
    return List.of(new Scenario("preferred", CLUSTER, preferring()),
        new Scenario("selector", CLUSTER, TestPods.pod("p").nodeSelector("disk", "ssd").build()));
  }

  static NodeSelectorRequirement expr(String key, String op, String... values) {
    return new NodeSelectorRequirementBuilder().withKey(key).withOperator(op).withValues(values).build();
  }

  static NodeSelectorTerm term(NodeSelectorRequirement... exprs) {
    return new NodeSelectorTermBuilder().withMatchExpressions(exprs).build();
  }

  /** Prefers zone z1 (weight 2) and ssd disks (weight 5). */
  static Pod preferring() {
    Affinity a = new AffinityBuilder().withNewNodeAffinity()
        .addNewPreferredDuringSchedulingIgnoredDuringExecution().withWeight(2)
        .withPreference(term(expr("topology.kubernetes.io/zone", "In", "z1"))).endPreferredDuringSchedulingIgnoredDuringExecution()
        .addNewPreferredDuringSchedulingIgnoredDuringExecution().withWeight(5)
        .withPreference(term(expr("disk", "In", "ssd"))).endPreferredDuringSchedulingIgnoredDuringExecution()
        .endNodeAffinity().build();
    return TestPods.pod("p").affinity(a).build();
  }

  static Pod requiring(NodeSelectorTerm... terms) {
    return TestPods.pod("p").affinity(new AffinityBuilder().withNewNodeAffinity()
        .withNewRequiredDuringSchedulingIgnoredDuringExecution().withNodeSelectorTerms(terms)
        .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build()).build();
  }

  private static NodeAffinity plugin(Map<String, ?> args) {
    return new NodeAffinity(PluginConfigMapper.create().convertValue(args, NodeAffinityArgs.class));
  }

  @Test
  void preferredTermWeightsAreSummedAndNormalizedToTheMaximum() {
    var r = TestScheduler.over(new TestFrameworkHandle(CLUSTER)).plugin(plugin(Map.of()), 2)
        .schedule(preferring());
    // raw: n1 matches both (2+5 = 7), n2 only the zone (2), n3 none (0)
    assertThat(r.rawScores().get("NodeAffinity"))
        .containsExactly(Map.entry("n1", 7L), Map.entry("n2", 2L), Map.entry("n3", 0L));
    // normalize 100*raw/7: 100, 28 (28.57 truncated), 0; weight 2 in the total
    assertThat(r.normalizedScores().get("NodeAffinity"))
        .containsExactly(Map.entry("n1", 100L), Map.entry("n2", 28L), Map.entry("n3", 0L));
    assertThat(r.totals()).containsEntry("n2", 56L);
  }

  @Test
  void addedAffinityPreferredTermsAddToThePodsOwn() {
    NodeAffinity plugin = plugin(Map.of("addedAffinity", Map.of(
        "preferredDuringSchedulingIgnoredDuringExecution", List.of(Map.of("weight", 10,
            "preference", Map.of("matchExpressions", List.of(
                Map.of("key", "gpu", "operator", "Exists"))))))));
    var r = TestScheduler.over(new TestFrameworkHandle(CLUSTER)).plugin(plugin).schedule(preferring());
    // raw: n1 7, n2 2, n3 10 (added term) -> 100*raw/10: 70, 20, 100
    assertThat(r.normalizedScores().get("NodeAffinity"))
        .containsExactly(Map.entry("n1", 70L), Map.entry("n2", 20L), Map.entry("n3", 100L));
    // a pod without preferences is scored by the added terms alone: 0, 0, 100
    var plain = TestScheduler.over(new TestFrameworkHandle(CLUSTER)).plugin(plugin)
        .schedule(TestPods.pod("q").build());
    assertThat(plain.normalizedScores().get("NodeAffinity").values()).containsExactly(0L, 0L, 100L);
  }

  @Test
  void preScoreSkipsPodsWithoutPreferencesAndWeightZeroTermsAreDropped() {
    assertThat(plugin(Map.of()).preScore(new CycleState(), TestPods.pod("p").build(), List.of())
        .isSkip()).isTrue();
  }

  @Test
  void nodeSelectorAndRequiredTermsFilterForGood() {
    NodeAffinity plugin = plugin(Map.of());
    var n1 = CLUSTER.get("n1").orElseThrow();
    var n2 = CLUSTER.get("n2").orElseThrow();
    Status miss = plugin.filter(new CycleState(), TestPods.pod("p").nodeSelector("disk", "ssd").build(), n2);
    assertThat(miss.code()).isEqualTo(Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
    assertThat(miss.reasons()).containsExactly(NodeAffinity.REASON_POD);
    Pod gt4 = requiring(term(expr("cores", "Gt", "4")));
    assertThat(plugin.filter(new CycleState(), gt4, n1).isSuccess()).isTrue();
    assertThat(plugin.filter(new CycleState(), gt4, n2).isSuccess()).isFalse();
    // terms are ORed, expressions inside a term ANDed
    Pod either = requiring(term(expr("disk", "In", "ssd"), expr("cores", "Lt", "4")),
        term(expr("cores", "Lt", "4")));
    assertThat(plugin.filter(new CycleState(), either, n1).isSuccess()).isFalse();
    assertThat(plugin.filter(new CycleState(), either, n2).isSuccess()).isTrue();
    // an empty term matches nothing
    assertThat(plugin.filter(new CycleState(), requiring(new NodeSelectorTerm()), n1).isSuccess())
        .isFalse();
    // NotIn matches nodes without the label
    Pod notSsd = requiring(term(expr("disk", "NotIn", "ssd")));
    assertThat(plugin.filter(new CycleState(), notSsd, n2).isSuccess()).isTrue();
  }

  @Test
  void preFilterNarrowsToNodeNamesAndDetectsConflicts() {
    NodeAffinity plugin = plugin(Map.of());
    NodeSelectorTerm byName = new NodeSelectorTermBuilder().withMatchFields(
        expr("metadata.name", "In", "n1", "n3")).build();
    PreFilterResult r = plugin.preFilter(new CycleState(), requiring(byName), CLUSTER.list());
    assertThat(r.nodeNames()).contains(Set.of("n1", "n3"));
    NodeSelectorTerm conflicting = new NodeSelectorTermBuilder().withMatchFields(
        expr("metadata.name", "In", "n1"), expr("metadata.name", "In", "n2")).build();
    PreFilterResult c = plugin.preFilter(new CycleState(), requiring(conflicting), CLUSTER.list());
    assertThat(c.status().code()).isEqualTo(Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
    // a term without a name field leaves every node a candidate
    PreFilterResult all = plugin.preFilter(new CycleState(),
        requiring(byName, term(expr("disk", "Exists"))), CLUSTER.list());
    assertThat(all.allNodesRemain()).isTrue();
    assertThat(plugin.preFilter(new CycleState(), TestPods.pod("p").build(), CLUSTER.list())
        .status().isSkip()).isTrue();
  }

  @Test
  void addedRequiredAffinityIsEnforcedForEveryPod() {
    NodeAffinity plugin = plugin(Map.of("addedAffinity", Map.of(
        "requiredDuringSchedulingIgnoredDuringExecution", Map.of("nodeSelectorTerms", List.of(
            Map.of("matchExpressions", List.of(Map.of("key", "topology.kubernetes.io/zone",
                "operator", "In", "values", List.of("z2")))))))));
    var r = TestScheduler.over(new TestFrameworkHandle(CLUSTER)).plugin(plugin)
        .schedule(TestPods.pod("p").build());
    assertThat(r.feasibleNodes()).containsExactly("n3");
    assertThat(r.filterStatuses().get("n1").reasons()).containsExactly(NodeAffinity.REASON_ENFORCED);
  }
}
