package io.capstan.plugins.scheduler.interpodaffinity;

import static io.capstan.tck.scheduler.TestPods.term;
import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.scheduler.SchedulerPluginFactory;
import io.capstan.spi.scheduler.Status;
import io.capstan.tck.scheduler.AbstractSchedulerPluginConformanceTest;
import io.capstan.tck.scheduler.TestFrameworkHandle;
import io.capstan.tck.scheduler.TestNodes;
import io.capstan.tck.scheduler.TestPlugins;
import io.capstan.tck.scheduler.TestPods;
import io.capstan.tck.scheduler.TestScheduler;
import io.capstan.tck.scheduler.TestSnapshot;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTermBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** InterPodAffinity: required (anti-)affinity with symmetry, preferred weights, normalization. */
class InterPodAffinityPluginTest extends AbstractSchedulerPluginConformanceTest {

  private static final String ZONE = "topology.kubernetes.io/zone";
  private static final String HOST = "kubernetes.io/hostname";

  private static Pod app(String name, String app) {
    return TestPods.pod(name).label("app", app).build();
  }

  /** z1: a (web), b (cache); z2: x (empty), y (web); and a node without a zone. */
  private static final TestSnapshot CLUSTER = TestSnapshot.builder()
      .node(TestNodes.node("a").zone("z1").build(), app("web-1", "web"))
      .node(TestNodes.node("b").zone("z1").build(), app("cache-1", "cache"))
      .node(TestNodes.node("x").zone("z2").build())
      .node(TestNodes.node("y").zone("z2").build(), app("web-2", "web"))
      .build();

  private static Affinity antiRequired(String key, String app) {
    return new AffinityBuilder().withNewPodAntiAffinity()
        .withRequiredDuringSchedulingIgnoredDuringExecution(term(key, Map.of("app", app)))
        .endPodAntiAffinity().build();
  }

  private static Affinity affinityRequired(String key, String app) {
    return new AffinityBuilder().withNewPodAffinity()
        .withRequiredDuringSchedulingIgnoredDuringExecution(term(key, Map.of("app", app)))
        .endPodAffinity().build();
  }

  @Override
  protected SchedulerPluginFactory<?> factory() {
    return new InterPodAffinityFactory();
  }

  @Override
  protected List<Scenario> scenarios() {
    return List.of(
        new Scenario("anti", CLUSTER, TestPods.pod("p").affinity(antiRequired(HOST, "web")).build()),
        new Scenario("affinity", CLUSTER, TestPods.pod("p").affinity(affinityRequired(ZONE, "cache")).build()),
        new Scenario("preferred", CLUSTER, preferring()));
  }

  private static TestScheduler.CycleResult run(TestSnapshot cluster, Pod pod, Map<String, ?> args) {
    TestFrameworkHandle handle = new TestFrameworkHandle(cluster);
    return TestScheduler.over(handle)
        .plugin(TestPlugins.create(new InterPodAffinityFactory(), args, handle), 2).schedule(pod);
  }

  @Test
  void requiredAntiAffinityKeepsThePodAwayFromMatchingPods() {
    var r = run(CLUSTER, TestPods.pod("p").affinity(antiRequired(HOST, "web")).build(), Map.of());
    assertThat(r.feasibleNodes()).containsExactly("b", "x");
    assertThat(r.filterStatuses().get("a").code()).isEqualTo(Status.Code.UNSCHEDULABLE);
    assertThat(r.filterStatuses().get("a").reasons()).containsExactly(InterPodAffinity.REASON_ANTI);
    // by zone: both zones hold a web pod
    assertThat(run(CLUSTER, TestPods.pod("p").affinity(antiRequired(ZONE, "web")).build(), Map.of())
        .feasibleNodes()).isEmpty();
  }

  @Test
  void existingPodsAntiAffinityIsSymmetric() {
    // a guard pod on x refuses app=web in its zone: a web pod without any terms avoids z2
    TestSnapshot guarded = TestSnapshot.builder()
        .node(TestNodes.node("a").zone("z1").build())
        .node(TestNodes.node("x").zone("z2").build(), TestPods.pod("guard").label("app", "guard")
            .affinity(antiRequired(ZONE, "web")).build())
        .node(TestNodes.node("y").zone("z2").build()).build();
    var r = run(guarded, app("new-web", "web"), Map.of());
    assertThat(r.feasibleNodes()).containsExactly("a");
    assertThat(r.filterStatuses().get("y").reasons())
        .containsExactly(InterPodAffinity.REASON_EXISTING_ANTI);
    // another namespace is not selected by the guard's term (it looks in its own namespace)
    assertThat(run(guarded, TestPods.pod("w").namespace("other").label("app", "web").build(), Map.of())
        .feasibleNodes()).containsExactly("a", "x", "y");
  }

  @Test
  void requiredAffinityNeedsAMatchingPodInTheDomainUnlessItIsTheFirstOfItsGroup() {
    var r = run(CLUSTER, TestPods.pod("p").affinity(affinityRequired(ZONE, "cache")).build(), Map.of());
    assertThat(r.feasibleNodes()).containsExactly("a", "b");
    assertThat(r.filterStatuses().get("x").code()).isEqualTo(Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
    assertThat(r.filterStatuses().get("x").reasons()).containsExactly(InterPodAffinity.REASON_AFFINITY);
    // no pod matches app=db anywhere, and the pod is not db itself: nowhere
    assertThat(run(CLUSTER, TestPods.pod("p").affinity(affinityRequired(ZONE, "db")).build(), Map.of())
        .feasibleNodes()).isEmpty();
    // the first db pod with affinity to db may go to any node with the topology key
    TestSnapshot withBare = TestSnapshot.builder().node(TestNodes.node("z").zone("z1").build())
        .node(TestNodes.node("bare").build()).build();
    assertThat(run(withBare, TestPods.pod("db-0").label("app", "db")
        .affinity(affinityRequired(ZONE, "db")).build(), Map.of()).feasibleNodes()).containsExactly("z");
  }

  /** Prefers the cache's zone (weight 10), avoids web pods' hosts (weight 5). */
  private static Pod preferring() {
    Affinity a = new AffinityBuilder()
        .withNewPodAffinity().withPreferredDuringSchedulingIgnoredDuringExecution(
            new WeightedPodAffinityTermBuilder().withWeight(10)
                .withPodAffinityTerm(term(ZONE, Map.of("app", "cache"))).build()).endPodAffinity()
        .withNewPodAntiAffinity().withPreferredDuringSchedulingIgnoredDuringExecution(
            new WeightedPodAffinityTermBuilder().withWeight(5)
                .withPodAffinityTerm(term(HOST, Map.of("app", "web"))).build()).endPodAntiAffinity()
        .build();
    return TestPods.pod("p").affinity(a).build();
  }

  @Test
  void preferredTermsAddAndSubtractWeightsPerTopologyDomain() {
    var r = run(CLUSTER, preferring(), Map.of());
    // zone z1 += 10 (cache on b); host a -= 5, host y -= 5 (web pods)
    // raw: a 10-5 = 5, b 10, x 0, y -5
    assertThat(r.rawScores().get("InterPodAffinity")).containsExactly(Map.entry("a", 5L),
        Map.entry("b", 10L), Map.entry("x", 0L), Map.entry("y", -5L));
    // (long) (100 * (s - min) / (max - min)) with min -5, max 10: 66 (66.7), 100, 33 (33.3), 0
    assertThat(r.normalizedScores().get("InterPodAffinity")).containsExactly(Map.entry("a", 66L),
        Map.entry("b", 100L), Map.entry("x", 33L), Map.entry("y", 0L));
  }

  @Test
  void existingPodsRequiredAffinityCountsWithHardPodAffinityWeight() {
    TestSnapshot cluster = TestSnapshot.builder()
        .node(TestNodes.node("a").zone("z1").build())
        .node(TestNodes.node("x").zone("z2").build(), TestPods.pod("fan").label("app", "fan")
            .affinity(affinityRequired(ZONE, "web")).build())
        .node(TestNodes.node("y").zone("z2").build()).build();
    // the fan pod requires web pods in its zone: z2 += hardPodAffinityWeight (default 1)
    var r = run(cluster, app("w", "web"), Map.of());
    assertThat(r.rawScores().get("InterPodAffinity").values()).containsExactly(0L, 1L, 1L);
    assertThat(r.normalizedScores().get("InterPodAffinity").values()).containsExactly(0L, 100L, 100L);
    // weight 5: raw 0, 5, 5 -> same normalized scores
    assertThat(run(cluster, app("w", "web"), Map.of("hardPodAffinityWeight", 5))
        .rawScores().get("InterPodAffinity").values()).containsExactly(0L, 5L, 5L);
    // weight 0 and nothing else to score: PreScore skips
    assertThat(run(cluster, app("w", "web"), Map.of("hardPodAffinityWeight", 0)).normalizedScores())
        .doesNotContainKey("InterPodAffinity");
  }

  @Test
  void existingPodsPreferredTermsCountUnlessIgnored() {
    Affinity avoidWeb = new AffinityBuilder().withNewPodAntiAffinity()
        .withPreferredDuringSchedulingIgnoredDuringExecution(new WeightedPodAffinityTermBuilder()
            .withWeight(20).withPodAffinityTerm(term(HOST, Map.of("app", "web"))).build())
        .endPodAntiAffinity().build();
    TestSnapshot cluster = TestSnapshot.builder()
        .node(TestNodes.node("a").build(), TestPods.pod("shy").affinity(avoidWeb).build())
        .node(TestNodes.node("b").build()).build();
    var r = run(cluster, app("w", "web"), Map.of());
    // a -= 20: raw -20, 0 -> normalized 0, 100
    assertThat(r.rawScores().get("InterPodAffinity").values()).containsExactly(-20L, 0L);
    assertThat(r.normalizedScores().get("InterPodAffinity").values()).containsExactly(0L, 100L);
    assertThat(run(cluster, app("w", "web"), Map.of("ignorePreferredTermsOfExistingPods", true))
        .normalizedScores()).doesNotContainKey("InterPodAffinity");
  }

  @Test
  void namespaceSelectorsUseNamespaceLabels() {
    TestSnapshot cluster = TestSnapshot.builder()
        .node(TestNodes.node("a").build(), TestPods.pod("db").namespace("prod").label("app", "db").build())
        .node(TestNodes.node("b").build(), TestPods.pod("db").namespace("dev").label("app", "db").build())
        .build();
    TestFrameworkHandle handle = new TestFrameworkHandle(cluster)
        .addObject(new NamespaceBuilder().withNewMetadata().withName("prod")
            .withLabels(Map.of("env", "prod")).endMetadata().build())
        .addObject(new NamespaceBuilder().withNewMetadata().withName("dev")
            .withLabels(Map.of("env", "dev")).endMetadata().build());
    Affinity avoidProdDb = new AffinityBuilder().withNewPodAntiAffinity()
        .withRequiredDuringSchedulingIgnoredDuringExecution(new PodAffinityTermBuilder()
            .withTopologyKey(HOST).withNewLabelSelector().withMatchLabels(Map.of("app", "db")).endLabelSelector()
            .withNewNamespaceSelector().withMatchLabels(Map.of("env", "prod")).endNamespaceSelector().build())
        .endPodAntiAffinity().build();
    var r = TestScheduler.over(handle).plugin(TestPlugins.create(new InterPodAffinityFactory(), Map.of(), handle))
        .schedule(TestPods.pod("p").affinity(avoidProdDb).build());
    assertThat(r.feasibleNodes()).containsExactly("b");
  }

  @Test
  void parsedTermsAreReusedPerPodVersionOnly() {
    PodTermsCache cache = new PodTermsCache();
    Pod v1 = new io.fabric8.kubernetes.api.model.PodBuilder(TestPods.pod("a")
        .affinity(antiRequired(HOST, "web")).build()).editMetadata().withResourceVersion("1").endMetadata().build();
    assertThat(cache.get(v1)).isSameAs(cache.get(v1));
    Pod v2 = new io.fabric8.kubernetes.api.model.PodBuilder(v1).editMetadata().withResourceVersion("2")
        .endMetadata().withNewSpec().endSpec().build();
    assertThat(cache.get(v2).requiredAnti()).isEmpty();
    assertThat(cache.get(v1).requiredAnti()).hasSize(1);
  }
}
