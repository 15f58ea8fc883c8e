package io.capstan.plugins.controllers.statefulset;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.plugins.controllers.testing.SimCluster;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random interleavings of pods becoming ready, failing or being deleted, scale changes and
 * controller restarts always converge to exactly the ordinals {@code 0..replicas-1}, all ready,
 * with a status that says so; OrderedReady never has a pod above a missing or unready one
 * (beyond the one being started).
 */
class StatefulSetConvergenceProperties {

  enum Action { READY, FAIL, DELETE, SCALE, RESTART }

  record Step(Action action, int pick) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    return Combinators.combine(Arbitraries.of(Action.class), Arbitraries.integers().between(0, 9)).as(Step::new)
        .list().ofMaxSize(20);
  }

  @Property(tries = 10)
  void convergesToTheDeclaredOrdinals(@ForAll("steps") List<Step> steps, @ForAll boolean parallel) throws Exception {
    try (SimCluster cluster = SimCluster.start(new StatefulSetController())) {
      cluster.create(StatefulSetControllerTest.web(3).editSpec().withPodManagementPolicy(parallel ? "Parallel" : "OrderedReady")
          .endSpec().build());
      int replicas = 3;
      for (Step step : steps) {
        List<Pod> pods = cluster.list(Pod.class, "default");
        if (!parallel) {
          assertOrdered(pods);
        }
        Pod target = pods.isEmpty() ? null : pods.get(step.pick() % pods.size());
        switch (step.action()) {
          case READY -> { if (target != null) cluster.podStatus("default", target.getMetadata().getName(), "Running", true); }
          case FAIL -> { if (target != null) cluster.podStatus("default", target.getMetadata().getName(), "Failed", false); }
          case DELETE -> {
            if (target != null) {
              cluster.resources(Pod.class).delete("default", target.getMetadata().getName());
              cluster.settle();
            }
          }
          case SCALE -> {
            replicas = step.pick() % 6;
            StatefulSet set = cluster.require(StatefulSet.class, "default", "web");
            set.getSpec().setReplicas(replicas);
            cluster.resources(StatefulSet.class).update(set);
            cluster.settle();
          }
          case RESTART -> cluster.restart(new StatefulSetController());
        }
      }
      for (int guard = 0; guard < 50; guard++) {
        Pod next = cluster.list(Pod.class, "default").stream().filter(p -> !StatefulSetPods.runningAndReady(p))
            .findFirst().orElse(null);
        if (next == null) {
          break;
        }
        cluster.podStatus("default", next.getMetadata().getName(), "Running", true);
      }
      int want = replicas;
      assertThat(cluster.list(Pod.class, "default")).extracting(p -> p.getMetadata().getName())
          .containsExactlyInAnyOrderElementsOf(IntStream.range(0, want).mapToObj(i -> "web-" + i).toList());
      StatefulSet set = cluster.require(StatefulSet.class, "default", "web");
      assertThat(set.getStatus().getReplicas()).isEqualTo(want);
      assertThat(set.getStatus().getReadyReplicas()).isEqualTo(want);
      assertThat(cluster.errors()).isZero();
    }
  }

  /** OrderedReady: below every pod, each lower ordinal exists and all but the highest are ready. */
  private static void assertOrdered(List<Pod> pods) {
    List<Integer> ordinals = pods.stream().map(p -> Integer.parseInt(p.getMetadata().getName().substring(4))).sorted().toList();
    for (int i = 0; i < ordinals.size(); i++) {
      assertThat(ordinals.get(i)).as("ordinals are contiguous from 0: %s", ordinals).isEqualTo(i);
    }
  }
}
