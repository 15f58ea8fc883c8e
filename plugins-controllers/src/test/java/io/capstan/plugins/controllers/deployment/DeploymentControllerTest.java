package io.capstan.plugins.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.spi.client.PatchType;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rollouts observed step by step against a real API server, with a fake kubelet. */
class DeploymentControllerTest {

  private final DeploymentFixture f = new DeploymentFixture();

  @AfterEach
  void close() throws Exception {
    f.close();
  }

  /** Runs the kubelet until the deployment is rolled out, checking the rollout bounds at every step. */
  private void rollOut(String name, int maxTotal, int minReady) throws InterruptedException {
    List<String> violations = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!f.rolledOut(name)) {
      assertThat(System.nanoTime()).as("rollout of %s finished in time; status %s", name, f.get(name).getStatus())
          .isLessThan(deadline);
      f.kubelet.step("default");
      int active = f.activePods(name).size();
      long ready = f.readyPods(name);
      if (active > maxTotal) {
        violations.add("active " + active + " > " + maxTotal);
      }
      if (minReady >= 0 && ready < minReady) {
        violations.add("ready " + ready + " < " + minReady);
      }
      Thread.sleep(30);
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void rollingUpdateStaysWithinSurgeAndUnavailability() throws Exception {
    f.fx.client().resources(Deployment.class).create(DeploymentFixture.deployment("web", 6, "nginx:1", 2, 1));
    rollOut("web", 8, -1);
    assertThat(f.replicaSets()).singleElement().satisfies(rs -> {
      assertThat(rs.getMetadata().getName()).startsWith("web-");
      assertThat(rs.getMetadata().getLabels()).containsKey("pod-template-hash");
      assertThat(rs.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "1")
          .containsEntry("deployment.kubernetes.io/desired-replicas", "6")
          .containsEntry("deployment.kubernetes.io/max-replicas", "8");
    });
    f.setImage("web", "nginx:2");
    rollOut("web", 8, 5);
    List<ReplicaSet> sets = f.replicaSets();
    assertThat(sets).hasSize(2);
    assertThat(sets).filteredOn(rs -> rs.getSpec().getReplicas() == 6).singleElement()
        .satisfies(rs -> assertThat(rs.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "2"));
    assertThat(sets).filteredOn(rs -> rs.getSpec().getReplicas() == 0).hasSize(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> f.get("web").getStatus().getConditions().stream()
        .anyMatch(c -> "Progressing".equals(c.getType()) && "NewReplicaSetAvailable".equals(c.getReason())));
    Deployment d = f.get("web");
    assertThat(d.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "2");
    assertThat(d.getStatus().getConditions()).anyMatch(c -> "Available".equals(c.getType()) && "True".equals(c.getStatus()));
    assertThat(d.getStatus().getUnavailableReplicas()).isIn(0, null);
  }

  @Test
  void rollbackByTemplateReusesTheOldReplicaSetAsTheNewestRevision() throws Exception {
    f.fx.client().resources(Deployment.class).create(DeploymentFixture.deployment("web", 3, "nginx:1", 1, 0));
    rollOut("web", 4, -1);
    String first = f.replicaSets().get(0).getMetadata().getName();
    f.setImage("web", "nginx:2");
    rollOut("web", 4, 3);
    f.setImage("web", "nginx:1"); // what `kubectl rollout undo` patches in
    rollOut("web", 4, 3);
    assertThat(f.replicaSets()).hasSize(2);
    ReplicaSet back = f.replicaSets().stream().filter(rs -> rs.getMetadata().getName().equals(first)).findFirst().orElseThrow();
    assertThat(back.getSpec().getReplicas()).isEqualTo(3);
    assertThat(back.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "3")
        .containsEntry("deployment.kubernetes.io/revision-history", "1");
  }

  @Test
  void pausedDeploymentsDoNotRollOutUntilResumed() throws Exception {
    f.fx.client().resources(Deployment.class).create(DeploymentFixture.deployment("web", 2, "nginx:1", 1, 0));
    rollOut("web", 3, -1);
    f.fx.client().resources(Deployment.class).patch("default", "web", PatchType.MERGE, "{\"spec\":{\"paused\":true}}");
    await().atMost(Duration.ofSeconds(10)).until(() -> f.get("web").getStatus().getConditions().stream()
        .anyMatch(c -> "DeploymentPaused".equals(c.getReason())));
    f.setImage("web", "nginx:2");
    f.fx.quiesce();
    assertThat(f.replicaSets()).hasSize(1);
    f.fx.client().resources(Deployment.class).patch("default", "web", PatchType.MERGE, "{\"spec\":{\"paused\":false}}");
    rollOut("web", 3, 2);
    assertThat(f.replicaSets()).hasSize(2);
  }

  @Test
  void recreateRemovesEveryOldPodBeforeStartingNewOnes() throws Exception {
    Deployment spec = new DeploymentBuilder(DeploymentFixture.deployment("db", 3, "pg:1", 1, 0)).editSpec()
        .withNewStrategy().withType("Recreate").endStrategy().endSpec().build();
    f.fx.client().resources(Deployment.class).create(spec);
    rollOut("db", 3, -1);
    String oldHash = f.activePods("db").get(0).getMetadata().getLabels().get("pod-template-hash");
    f.setImage("db", "pg:2");
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!f.rolledOut("db") || f.activePods("db").stream().anyMatch(p -> oldHash.equals(p.getMetadata().getLabels()
        .get("pod-template-hash")))) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      var pods = f.fx.pods("default", "app=db");
      boolean oldPresent = pods.stream().anyMatch(p -> oldHash.equals(p.getMetadata().getLabels().get("pod-template-hash")));
      boolean newPresent = pods.stream().anyMatch(p -> !oldHash.equals(p.getMetadata().getLabels().get("pod-template-hash")));
      assertThat(oldPresent && newPresent).as("old and new pods at once").isFalse();
      f.kubelet.step("default");
      Thread.sleep(30);
    }
  }

  @Test
  void scalingDuringARolloutIsProportional() throws Exception {
    f.fx.client().resources(Deployment.class).create(DeploymentFixture.deployment("web", 10, "nginx:1", 3, 2));
    rollOut("web", 13, -1);
    f.kubelet.starting(pod -> false); // the new version never becomes ready: the rollout stalls half-way
    f.setImage("web", "nginx:2");
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> f.replicaSets().size() == 2
          && f.replicaSets().stream().mapToInt(rs -> rs.getSpec().getReplicas()).sum() == 13);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(f.replicaSets().stream().map(rs -> rs.getMetadata().getName() + " spec "
          + rs.getSpec().getReplicas() + " status " + rs.getStatus()).toList() + " " + f.get("web").getStatus(), e);
    }
    f.fx.quiesce();
    Map<String, Integer> before = new java.util.HashMap<>();
    f.replicaSets().forEach(rs -> before.put(rs.getMetadata().getName(), rs.getSpec().getReplicas()));
    f.fx.client().resources(Deployment.class).patch("default", "web", PatchType.MERGE, "{\"spec\":{\"replicas\":20}}");
    await().atMost(Duration.ofSeconds(10)).until(() ->
        f.replicaSets().stream().mapToInt(rs -> rs.getSpec().getReplicas()).sum() == 23); // 20 + maxSurge 3
    for (ReplicaSet rs : f.replicaSets()) {
      int was = before.get(rs.getMetadata().getName());
      // each grows by about 23/13 of its size
      assertThat((double) rs.getSpec().getReplicas()).isCloseTo(was * 23.0 / 13, org.assertj.core.data.Offset.offset(1.01));
    }
  }

  @Test
  void revisionHistoryLimitDeletesTheOldestIdleReplicaSets() throws Exception {
    Deployment spec = new DeploymentBuilder(DeploymentFixture.deployment("web", 1, "nginx:1", 1, 0)).editSpec()
        .withRevisionHistoryLimit(1).endSpec().build();
    f.fx.client().resources(Deployment.class).create(spec);
    for (int v = 1; v <= 4; v++) {
      f.setImage("web", "nginx:" + v);
      rollOut("web", 2, -1);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> f.replicaSets().size() == 2);
  }

  @Test
  void aStuckRolloutExceedsItsProgressDeadline() {
    Deployment spec = new DeploymentBuilder(DeploymentFixture.deployment("stuck", 2, "nginx:1", 1, 0)).editSpec()
        .withProgressDeadlineSeconds(1).endSpec().build();
    f.fx.client().resources(Deployment.class).create(spec);
    await().atMost(Duration.ofSeconds(15)).until(() -> f.get("stuck").getStatus() != null
        && f.get("stuck").getStatus().getConditions() != null && f.get("stuck").getStatus().getConditions().stream()
        .anyMatch(c -> "Progressing".equals(c.getType()) && "False".equals(c.getStatus())
            && "ProgressDeadlineExceeded".equals(c.getReason())));
  }
}
