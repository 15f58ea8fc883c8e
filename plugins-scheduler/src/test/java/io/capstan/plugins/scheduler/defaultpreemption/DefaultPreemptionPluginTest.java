package io.capstan.plugins.scheduler.defaultpreemption;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.plugins.scheduler.interpodaffinity.InterPodAffinityFactory;
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
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DefaultPreemption with the real NodeResourcesFit (and InterPodAffinity) filters: victims are the
 * fewest lower-priority pods that make the pod fit, and the candidate is chosen in Kubernetes'
 * order.
 */
class DefaultPreemptionPluginTest extends AbstractSchedulerPluginConformanceTest {

  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private static Pod pod(String name, int priority, String cpu) {
    return TestPods.pod(name).priority(priority).cpu(cpu).startTime(T0).build();
  }

  /** n1: low1 (prio 1) + low2 (prio 2); n2: mid (prio 5) + high (prio 100); 1 CPU each, 2 CPU nodes. */
  private static final TestSnapshot CLUSTER = TestSnapshot.builder()
      .node(TestNodes.node("n1").cpu("2").build(), pod("low1", 1, "1"), pod("low2", 2, "1"))
      .node(TestNodes.node("n2").cpu("2").build(), pod("mid", 5, "1"), pod("high", 100, "1"))
      .build();

  @Override
  protected SchedulerPluginFactory<?> factory() {
    return new DefaultPreemptionFactory();
  }

  @Override
  protected List<Scenario> scenarios() {
    return List.of(new Scenario("full nodes", CLUSTER, pod("p", 10, "1")));
  }

  private record Run(TestScheduler.CycleResult result, TestFrameworkHandle handle) {
    List<String> evicted() {
      return handle.preemptions().stream().map(p -> p.victim().getMetadata().getName()).toList();
    }
  }

  private static Run run(TestSnapshot cluster, Pod pod, TestFrameworkHandle handle) {
    var s = TestScheduler.over(handle)
        .plugin(TestPlugins.create(new NodeResourcesFitFactory(), Map.of(), handle))
        .plugin(TestPlugins.create(new InterPodAffinityFactory(), Map.of(), handle))
        .plugin(TestPlugins.create(new DefaultPreemptionFactory(), Map.of(), handle));
    return new Run(s.schedule(pod), handle);
  }

  private static Run run(TestSnapshot cluster, Pod pod) {
    return run(cluster, pod, new TestFrameworkHandle(cluster));
  }

  @Test
  void evictsOnlyTheLowestPriorityPodNeededAndNominatesItsNode() {
    Run r = run(CLUSTER, pod("p", 10, "1"));
    // n1: remove low1+low2, fits; reprieve low2 (more important) -> still fits; reprieve low1 ->
    //     no longer fits -> victims [low1], highest victim priority 1
    // n2: remove mid (high is not lower), fits; reprieve mid fails -> victims [mid], priority 5
    // lowest highest-victim priority wins: n1
    assertThat(r.result().postFilter().orElseThrow().nominatedNodeName()).contains("n1");
    assertThat(r.evicted()).containsExactly("low1");
    assertThat(r.handle().preemptions().get(0).preemptor().getMetadata().getName()).isEqualTo("p");
  }

  @Test
  void nothingIsEvictedWhenEvictionCannotMakeThePodFit() {
    // 2 CPU needed: on n1 only low1 + low2 could go (ok), but make n1 hold a high pod too
    TestSnapshot cluster = TestSnapshot.builder()
        .node(TestNodes.node("n1").cpu("2").build(), pod("low", 1, "1"), pod("vip", 100, "1"))
        .build();
    Run r = run(cluster, pod("p", 10, "2"));
    assertThat(r.evicted()).isEmpty();
    Status s = r.result().postFilter().orElseThrow().status();
    assertThat(s.code()).isEqualTo(Status.Code.UNSCHEDULABLE);
    assertThat(s.message()).startsWith("preemption: 0/1 nodes are available: 1 Insufficient cpu");
    // larger than the node: the fit filter says unresolvable, preemption does not even try
    Run huge = run(CLUSTER, pod("p", 10, "3"));
    assertThat(huge.evicted()).isEmpty();
    assertThat(huge.result().postFilter().orElseThrow().status().message())
        .isEqualTo("preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.");
    // no lower-priority pods at all
    Run none = run(CLUSTER, pod("p", 0, "1"));
    assertThat(none.result().postFilter().orElseThrow().status().message())
        .contains("No preemption victims found for incoming pod");
  }

  @Test
  void pdbProtectedVictimsMakeANodeLessAttractive() {
    TestSnapshot cluster = TestSnapshot.builder()
        .node(TestNodes.node("n1").cpu("1").build(), TestPods.pod("guarded").label("app", "db")
            .priority(1).cpu("1").build())
        .node(TestNodes.node("n2").cpu("1").build(), pod("mid", 5, "1")).build();
    TestFrameworkHandle handle = new TestFrameworkHandle(cluster).addObject(new PodDisruptionBudgetBuilder()
        .withNewMetadata().withName("db").withNamespace("default").endMetadata()
        .withNewSpec().withNewSelector().withMatchLabels(Map.of("app", "db")).endSelector().endSpec()
        .withNewStatus().withDisruptionsAllowed(0).endStatus().build());
    Run r = run(cluster, pod("p", 10, "1"), handle);
    // n1 has 1 PDB violation, n2 none: fewest violations beats lower victim priority
    assertThat(r.result().postFilter().orElseThrow().nominatedNodeName()).contains("n2");
    assertThat(r.evicted()).containsExactly("mid");
  }

  @Test
  void tiesGoToTheSmallestPrioritySumThenTheLatestStart() {
    TestSnapshot sums = TestSnapshot.builder()
        .node(TestNodes.node("two").cpu("1").build(), pod("a", 1, "500m"), pod("b", 1, "500m"))
        .node(TestNodes.node("one").cpu("1").build(), pod("c", 1, "1")).build();
    // both highest victim priority 1; sums 2*(1+2^31) vs 1*(1+2^31): "one" wins
    assertThat(run(sums, pod("p", 10, "1")).result().postFilter().orElseThrow().nominatedNodeName())
        .contains("one");
    TestSnapshot starts = TestSnapshot.builder()
        .node(TestNodes.node("old").cpu("1").build(), TestPods.pod("o").priority(1).cpu("1")
            .startTime(T0).build())
        .node(TestNodes.node("new").cpu("1").build(), TestPods.pod("n").priority(1).cpu("1")
            .startTime(T0.plusSeconds(60)).build()).build();
    assertThat(run(starts, pod("p", 10, "1")).result().postFilter().orElseThrow().nominatedNodeName())
        .contains("new");
  }

  @Test
  void preFilterExtensionsLetAntiAffinityVictimsBeRemoved() {
    TestSnapshot cluster = TestSnapshot.builder()
        .node(TestNodes.node("n1").build(), TestPods.pod("web").label("app", "web").priority(1).build())
        .build();
    Pod p = TestPods.pod("p").priority(10).affinity(new AffinityBuilder().withNewPodAntiAffinity()
        .withRequiredDuringSchedulingIgnoredDuringExecution(
            TestPods.term("kubernetes.io/hostname", Map.of("app", "web")))
        .endPodAntiAffinity().build()).build();
    Run r = run(cluster, p);
    assertThat(r.result().filterStatuses().get("n1").plugin()).contains("InterPodAffinity");
    assertThat(r.evicted()).containsExactly("web");
    assertThat(r.result().postFilter().orElseThrow().nominatedNodeName()).contains("n1");
  }

  @Test
  void podsThatMayNotPreemptAreLeftAlone() {
    Pod never = TestPods.pod("p").priority(10).cpu("1").preemptionPolicy("Never").build();
    Run r = run(CLUSTER, never);
    assertThat(r.evicted()).isEmpty();
    assertThat(r.result().postFilter().orElseThrow().status().message())
        .isEqualTo("not eligible due to preemptionPolicy=Never.");
    TestSnapshot terminating = TestSnapshot.builder().node(TestNodes.node("n1").cpu("2").build(),
        TestPods.pod("going").priority(1).cpu("1").terminating()
            .condition("DisruptionTarget", "True", "PreemptionByScheduler").build(),
        pod("low", 1, "1")).build();
    Pod nominated = TestPods.pod("p").priority(10).cpu("1").nominatedNodeName("n1").build();
    // a victim of an earlier preemption is still going away: wait for it instead of preempting more
    assertThat(run(terminating, nominated).result().postFilter().orElseThrow().status().message())
        .isEqualTo("not eligible due to a terminating pod on the nominated node.");
    // a pod deleted for another reason does not block preemption
    TestSnapshot deleted = TestSnapshot.builder().node(TestNodes.node("n1").cpu("2").build(),
        TestPods.pod("going").priority(1).cpu("1").terminating().build(), pod("low", 1, "1")).build();
    assertThat(run(deleted, nominated).result().postFilter().orElseThrow().nominatedNodeName())
        .contains("n1");
  }

  @Test
  void lowerPriorityNominationsOnTheChosenNodeAreCleared() {
    TestFrameworkHandle handle = new TestFrameworkHandle(CLUSTER)
        .nominate("n1", TestPods.pod("waiting-low").priority(3).build())
        .nominate("n1", TestPods.pod("waiting-high").priority(50).build());
    run(CLUSTER, pod("p", 10, "1"), handle);
    assertThat(handle.clearedNominations()).extracting(x -> x.getMetadata().getName())
        .containsExactly("waiting-low");
  }

  @Test
  void candidateCountFollowsKubernetesDefaults() {
    DefaultPreemptionArgs d = DefaultPreemptionArgs.defaults();
    assertThat(d.numCandidates(50)).isEqualTo(50);     // max(5, 100) capped at 50
    assertThat(d.numCandidates(5000)).isEqualTo(500);  // 10% of 5000
    assertThat(d.numCandidates(500)).isEqualTo(100);   // the absolute floor
  }
}
