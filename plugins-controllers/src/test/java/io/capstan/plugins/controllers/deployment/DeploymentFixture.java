package io.capstan.plugins.controllers.deployment;

import io.capstan.plugins.controllers.fixtures.ControllerFixture;
import io.capstan.plugins.controllers.fixtures.FakeKubelet;
import io.capstan.plugins.controllers.replicaset.ReplicaSetConfig;
import io.capstan.plugins.controllers.replicaset.ReplicaSetController;
import io.capstan.spi.client.ListOptions;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Deployment and ReplicaSet controllers on a real API server, with a step-driven fake kubelet. */
final class DeploymentFixture implements AutoCloseable {

  final ControllerFixture fx = new ControllerFixture();
  final FakeKubelet kubelet = new FakeKubelet(fx);

  DeploymentFixture() {
    fx.start(new DeploymentController(DeploymentConfig.defaults()), new ReplicaSetController(ReplicaSetConfig.defaults()));
  }

  static Deployment deployment(String name, int replicas, String image, int maxSurge, int maxUnavailable) {
    return new DeploymentBuilder().withNewMetadata().withNamespace("default").withName(name).endMetadata()
        .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
        .withTemplate(ControllerFixture.template(Map.of("app", name), image))
        .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
        .withMaxSurge(new IntOrString(maxSurge)).withMaxUnavailable(new IntOrString(maxUnavailable))
        .endRollingUpdate().endStrategy().endSpec().build();
  }

  Deployment get(String name) {
    return fx.client().resources(Deployment.class).get("default", name).orElseThrow();
  }

  List<ReplicaSet> replicaSets() {
    return fx.client().resources(ReplicaSet.class).list(ListOptions.inNamespace("default")).items().stream()
        .sorted(Comparator.comparing(rs -> rs.getMetadata().getName())).toList();
  }

  List<Pod> activePods(String app) {
    return fx.activePods("default", "app=" + app);
  }

  long readyPods(String app) {
    return activePods(app).stream().filter(p -> p.getStatus() != null && p.getStatus().getConditions() != null
        && p.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
        .count();
  }

  /** What `kubectl rollout status` checks. */
  boolean rolledOut(String name) {
    Deployment d = get(name);
    var s = d.getStatus();
    int replicas = d.getSpec().getReplicas();
    return s != null && s.getObservedGeneration() != null && s.getObservedGeneration() >= d.getMetadata().getGeneration()
        && s.getUpdatedReplicas() != null && s.getUpdatedReplicas() == replicas
        && s.getReplicas() != null && s.getReplicas() == replicas
        && s.getAvailableReplicas() != null && s.getAvailableReplicas() == replicas;
  }

  void setImage(String name, String image) {
    fx.client().resources(Deployment.class).patch("default", name, io.capstan.spi.client.PatchType.STRATEGIC,
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"" + image + "\"}]}}}}");
  }

  @Override
  public void close() throws Exception {
    fx.close();
  }
}
