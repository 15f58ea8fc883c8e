package io.capstan.plugins.controllers.replicationcontroller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.plugins.controllers.fixtures.ControllerFixture;
import io.capstan.spi.client.PatchType;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ReplicationController controller: same engine as ReplicaSet, map selector defaulted from the template. */
class ReplicationControllerControllerTest {

  private final ControllerFixture fx = new ControllerFixture();

  @AfterEach
  void close() throws Exception {
    fx.close();
  }

  private ReplicationController get() {
    return fx.client().resources(ReplicationController.class).get("default", "legacy").orElseThrow();
  }

  @Test
  void keepsReplicasWithASelectorTakenFromTheTemplate() {
    fx.start(new ReplicationControllerController(ReplicationControllerConfig.defaults()));
    fx.client().resources(ReplicationController.class).create(new ReplicationControllerBuilder().withNewMetadata()
        .withNamespace("default").withName("legacy").endMetadata().withNewSpec().withReplicas(3)
        .withTemplate(ControllerFixture.template(Map.of("app", "legacy"), "nginx:1")).endSpec().build());
    await().atMost(Duration.ofSeconds(10)).until(() -> fx.activePods("default", "app=legacy").size() == 3);
    assertThat(fx.activePods("default", "app=legacy")).allSatisfy(p ->
        assertThat(p.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
          assertThat(ref.getKind()).isEqualTo("ReplicationController");
          assertThat(ref.getApiVersion()).isEqualTo("v1");
        }));
    fx.activePods("default", "app=legacy").forEach(fx::markRunning);
    await().atMost(Duration.ofSeconds(10)).until(() -> get().getStatus() != null
        && Integer.valueOf(3).equals(get().getStatus().getReadyReplicas()));
    fx.client().resources(ReplicationController.class).patch("default", "legacy", PatchType.MERGE,
        "{\"spec\":{\"replicas\":1}}");
    await().atMost(Duration.ofSeconds(10)).until(() -> fx.activePods("default", "app=legacy").size() == 1
        && get().getStatus().getReplicas() == 1 && get().getStatus().getObservedGeneration() == 2);
  }
}
