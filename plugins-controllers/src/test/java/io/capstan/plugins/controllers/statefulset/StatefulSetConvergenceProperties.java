package io.capstan.plugins.controllers.statefulset;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.plugins.controllers.testing.SimCluster;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
 * with a status that says so; OrderedReady never creates a pod while a lower ordinal is missing.
 *
 * <p>A gap by itself is allowed: deleting {@code web-1} while {@code web-0} is not ready leaves
 * {@code web-0, web-2} until {@code web-0} is ready, as in Kubernetes (the controller stops at the
 * first pod that is not Running and Ready and never deletes higher ones to close a gap).
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
      Set<String> seen = new HashSet<>();
      for (Step step : steps) {
        List<Pod> pods = cluster.list(Pod.class, "default");
        if (!parallel) {
          assertCreatedInOrder(pods, seen);
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

  /**
   * OrderedReady: every pod created since the last look ({@code seen} holds the UIDs seen then) has
   * every lower ordinal present beside it; pods above a gap must be older than the gap.
   */
  private static void assertCreatedInOrder(List<Pod> pods, Set<String> seen) {
    Set<Integer> present = new TreeSet<>();
    pods.forEach(p -> present.add(ordinal(p)));
    for (Pod pod : pods) {
      assertThat(pod.getMetadata().getUid()).as("the API server gives every pod a UID").isNotBlank();
      if (seen.contains(pod.getMetadata().getUid())) {
        continue;
      }
      for (int lower = 0; lower < ordinal(pod); lower++) {
        assertThat(present).as("%s was created while web-%d was missing", pod.getMetadata().getName(), lower)
            .contains(lower);
      }
    }
    seen.clear();
    pods.forEach(p -> seen.add(p.getMetadata().getUid()));
  }

  private static int ordinal(Pod pod) {
    return Integer.parseInt(pod.getMetadata().getName().substring(4));
  }
}
