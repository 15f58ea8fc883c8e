package io.capstan.plugins.controllers.statefulset;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.plugins.controllers.testing.SimCluster;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategyBuilder;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code spec.updateStrategy.rollingUpdate.maxUnavailable} (Kubernetes' MaxUnavailableStatefulSet):
 * up to that many outdated pods are replaced at once, highest ordinals first, counting every pod of
 * ordinals 0..replicas-1 that is not available against it.
 */
class StatefulSetMaxUnavailableTest {

  private SimCluster cluster;

  @BeforeEach
  void start() throws Exception {
    cluster = SimCluster.start(new StatefulSetController());
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private StatefulSet set() {
    return cluster.require(StatefulSet.class, "default", "web");
  }

  private String image(String pod) {
    return cluster.require(Pod.class, "default", pod).getSpec().getContainers().get(0).getImage();
  }

  private List<String> images(int replicas) {
    return java.util.stream.IntStream.range(0, replicas).mapToObj(i -> image("web-" + i)).toList();
  }

  private void ready(String... pods) {
    for (String pod : pods) {
      cluster.podStatus("default", pod, "Running", true);
    }
  }

  private void roll(IntOrString maxUnavailable) {
    StatefulSet changed = set();
    changed.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("nginx:1.26");
    changed.getSpec().setUpdateStrategy(new StatefulSetUpdateStrategyBuilder().withType("RollingUpdate")
        .withNewRollingUpdate().withMaxUnavailable(maxUnavailable).endRollingUpdate().build());
    cluster.resources(StatefulSet.class).update(changed);
    cluster.settle();
  }

  private void createReady(String policy) {
    cluster.create(StatefulSetControllerTest.web(5).editSpec().withPodManagementPolicy(policy).endSpec().build());
    for (int guard = 0; guard < 10 && cluster.list(Pod.class, "default").stream()
        .anyMatch(p -> !StatefulSetPods.runningAndReady(p)) || cluster.list(Pod.class, "default").size() < 5; guard++) {
      cluster.list(Pod.class, "default").stream().filter(p -> !StatefulSetPods.runningAndReady(p))
          .forEach(p -> ready(p.getMetadata().getName()));
    }
  }

  @Test
  void parallelReplacesMaxUnavailablePodsAtOnceHighestFirst() {
    createReady("Parallel");

    roll(new IntOrString(2));

    assertThat(images(5)).containsExactly("nginx:1.25", "nginx:1.25", "nginx:1.25", "nginx:1.26", "nginx:1.26");
    ready("web-4");
    assertThat(images(5)).as("one slot free: the next highest outdated pod goes")
        .containsExactly("nginx:1.25", "nginx:1.25", "nginx:1.26", "nginx:1.26", "nginx:1.26");
    ready("web-3", "web-2");
    assertThat(images(5)).containsOnly("nginx:1.26");
    ready("web-1", "web-0");
    assertThat(set().getStatus().getUpdatedReplicas()).isEqualTo(5);
    assertThat(set().getStatus().getCurrentRevision()).isEqualTo(set().getStatus().getUpdateRevision());
  }

  @Test
  void aPercentIsOfReplicasRoundedUpAndUnavailablePodsCountAgainstIt() {
    createReady("Parallel");
    cluster.podStatus("default", "web-0", "Running", false); // one pod already unavailable

    roll(new IntOrString("50%")); // 2.5 → 3, minus the one not ready

    assertThat(images(5)).containsExactly("nginx:1.25", "nginx:1.25", "nginx:1.25", "nginx:1.26", "nginx:1.26");
  }

  @Test
  void orderedReadyDeletesUpToMaxUnavailableButRecreatesInOrder() {
    createReady("OrderedReady");

    roll(new IntOrString(3));

    assertThat(cluster.list(Pod.class, "default")).extracting(p -> p.getMetadata().getName())
        .as("web-4, web-3, web-2 deleted together; web-2 comes back first").containsExactlyInAnyOrder(
            "web-0", "web-1", "web-2");
    assertThat(image("web-2")).isEqualTo("nginx:1.26");
    ready("web-2");
    assertThat(image("web-3")).isEqualTo("nginx:1.26");
    assertThat(cluster.list(Pod.class, "default")).hasSize(4);
  }
}
