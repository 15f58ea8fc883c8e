package io.capstan.plugins.controllers.replicaset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.plugins.controllers.fixtures.ControllerFixture;
import io.capstan.plugins.controllers.fixtures.DelayedWatchClient;
import io.capstan.spi.client.ListOptions;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ReplicaSet controller against a real API server. */
class ReplicaSetControllerTest {

  private final ControllerFixture fx = new ControllerFixture();

  @AfterEach
  void close() throws Exception {
    fx.close();
  }

  static ReplicaSet rs(String name, int replicas, Map<String, String> labels) {
    return new ReplicaSetBuilder().withNewMetadata().withNamespace("default").withName(name).endMetadata()
        .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(labels).endSelector()
        .withTemplate(ControllerFixture.template(labels, "nginx:1")).endSpec().build();
  }

  private ReplicaSet get(String name) {
    return fx.client().resources(ReplicaSet.class).get("default", name).orElseThrow();
  }

  private void scale(String name, int replicas) {
    fx.client().resources(ReplicaSet.class).patch("default", name, io.capstan.spi.client.PatchType.MERGE,
        "{\"spec\":{\"replicas\":" + replicas + "}}");
  }

  @Test
  void createsOwnedPodsAndReportsStatus() {
    fx.start(new ReplicaSetController(ReplicaSetConfig.defaults()));
    ReplicaSet created = fx.client().resources(ReplicaSet.class).create(rs("web", 3, Map.of("app", "web")));
    await().atMost(Duration.ofSeconds(10)).until(() -> fx.activePods("default", "app=web").size() == 3);
    for (Pod pod : fx.activePods("default", "app=web")) {
      assertThat(pod.getMetadata().getName()).startsWith("web-");
      assertThat(pod.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
        assertThat(ref.getKind()).isEqualTo("ReplicaSet");
        assertThat(ref.getUid()).isEqualTo(created.getMetadata().getUid());
        assertThat(ref.getController()).isTrue();
        assertThat(ref.getBlockOwnerDeletion()).isTrue();
      });
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> get("web").getStatus() != null
        && get("web").getStatus().getReplicas() == 3 && get("web").getStatus().getFullyLabeledReplicas() == 3);
    fx.activePods("default", "app=web").forEach(fx::markRunning);
    await().atMost(Duration.ofSeconds(10)).until(() -> get("web").getStatus().getReadyReplicas() == 3
        && get("web").getStatus().getAvailableReplicas() == 3);
    assertThat(get("web").getStatus().getObservedGeneration()).isEqualTo(get("web").getMetadata().getGeneration());
    await().atMost(Duration.ofSeconds(5)).until(() -> fx.client().resources(Event.class)
        .list(ListOptions.inNamespace("default")).items().stream()
        .anyMatch(e -> "SuccessfulCreate".equals(e.getReason()) && "web".equals(e.getInvolvedObject().getName())));
  }

  @Test
  void scaleDownDeletesUnreadyAndNewestFirstAndReplacesDeletedPods() {
    fx.start(new ReplicaSetController(ReplicaSetConfig.defaults()));
    fx.client().resources(ReplicaSet.class).create(rs("web", 4, Map.of("app", "web")));
    await().atMost(Duration.ofSeconds(10)).until(() -> fx.activePods("default", "app=web").size() == 4);
    var pods = fx.activePods("default", "app=web");
    Pod keptReady = fx.markRunning(pods.get(0), "node-1", fx.clock.now().minusSeconds(60));
    Pod keptOlderReady = fx.markRunning(pods.get(1), "node-2", fx.clock.now().minusSeconds(120));
    // the controller ranks pods from its cache: scale only once its status shows it has seen both ready
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      var status = fx.client().resources(ReplicaSet.class).get("default", "web").orElseThrow().getStatus();
      return status != null && status.getReadyReplicas() != null && status.getReadyReplicas() == 2;
    });
    scale("web", 2);
    await().atMost(Duration.ofSeconds(10)).until(() -> fx.activePods("default", "app=web").size() == 2);
    assertThat(fx.activePods("default", "app=web")).extracting(p -> p.getMetadata().getName())
        .containsExactlyInAnyOrder(keptReady.getMetadata().getName(), keptOlderReady.getMetadata().getName());
    // shorter-ready goes first among ready pods
    scale("web", 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> fx.activePods("default", "app=web").size() == 1);
    assertThat(fx.activePods("default", "app=web").get(0).getMetadata().getName())
        .isEqualTo(keptOlderReady.getMetadata().getName());
    // a pod deleted by someone else is replaced
    fx.client().resources(Pod.class).delete("default", keptOlderReady.getMetadata().getName());
    await().atMost(Duration.ofSeconds(10)).until(() -> fx.activePods("default", "app=web").size() == 1
        && !fx.activePods("default", "app=web").get(0).getMetadata().getName().equals(keptOlderReady.getMetadata().getName()));
  }

  @Test
  void adoptsMatchingOrphansAndReleasesPodsThatStopMatching() {
    Pod orphan = fx.client().resources(Pod.class).create(new PodBuilder().withNewMetadata().withNamespace("default")
        .withName("stray").addToLabels("app", "web").endMetadata().withSpec(ControllerFixture.template(Map.of(), "nginx:1")
            .getSpec()).build());
    fx.start(new ReplicaSetController(ReplicaSetConfig.defaults()));
    ReplicaSet created = fx.client().resources(ReplicaSet.class).create(rs("web", 2, Map.of("app", "web")));
    await().atMost(Duration.ofSeconds(10)).until(() -> fx.activePods("default", "app=web").size() == 2
        && fx.client().resources(Pod.class).get("default", "stray").orElseThrow().getMetadata().getOwnerReferences() != null);
    fx.quiesce();
    assertThat(fx.activePods("default", "app=web")).hasSize(2);
    Pod adopted = fx.client().resources(Pod.class).get("default", "stray").orElseThrow();
    assertThat(adopted.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(ref -> assertThat(ref.getUid()).isEqualTo(created.getMetadata().getUid()));
    assertThat(orphan.getMetadata().getUid()).isEqualTo(adopted.getMetadata().getUid());

    fx.client().resources(Pod.class).patch("default", "stray", io.capstan.spi.client.PatchType.MERGE,
        "{\"metadata\":{\"labels\":{\"app\":\"other\"}}}");
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      Pod released = fx.client().resources(Pod.class).get("default", "stray").orElseThrow();
      return (released.getMetadata().getOwnerReferences() == null || released.getMetadata().getOwnerReferences().isEmpty())
          && fx.activePods("default", "app=web").size() == 2;
    });
  }

  @Test
  void aSlowWatchNeverCausesExtraPods() throws Exception {
    try (DelayedWatchClient slow = new DelayedWatchClient(fx.client(), Pod.class, Duration.ofMillis(400))) {
      fx.start(slow, new ReplicaSetController(ReplicaSetConfig.defaults()));
      Set<String> everCreated = ConcurrentHashMap.newKeySet();
      fx.client().resources(ReplicaSet.class).create(rs("web", 5, Map.of("app", "web")));
      AtomicInteger pokes = new AtomicInteger();
      // keep waking the controller while the pod events are still on their way
      long until = System.nanoTime() + Duration.ofMillis(1500).toNanos();
      while (System.nanoTime() < until) {
        fx.client().resources(ReplicaSet.class).patch("default", "web", io.capstan.spi.client.PatchType.MERGE,
            "{\"metadata\":{\"annotations\":{\"poke\":\"" + pokes.incrementAndGet() + "\"}}}");
        fx.pods("default", "app=web").forEach(p -> everCreated.add(p.getMetadata().getName()));
        Thread.sleep(20);
      }
      fx.quiesce();
      fx.pods("default", "app=web").forEach(p -> everCreated.add(p.getMetadata().getName()));
      assertThat(everCreated).hasSize(5);
      assertThat(fx.activePods("default", "app=web")).hasSize(5);
    }
  }

  @Test
  void availableOnlyAfterMinReadySeconds() {
    fx.start(new ReplicaSetController(ReplicaSetConfig.defaults()));
    ReplicaSet spec = new ReplicaSetBuilder(rs("slow", 1, Map.of("app", "slow"))).editSpec().withMinReadySeconds(2)
        .endSpec().build();
    fx.client().resources(ReplicaSet.class).create(spec);
    await().atMost(Duration.ofSeconds(10)).until(() -> fx.activePods("default", "app=slow").size() == 1);
    fx.markRunning(fx.activePods("default", "app=slow").get(0));
    await().atMost(Duration.ofSeconds(10)).until(() -> get("slow").getStatus().getReadyReplicas() == 1);
    assertThat(get("slow").getStatus().getAvailableReplicas()).isIn(0, null);
    await().atMost(Duration.ofSeconds(10)).until(() -> Integer.valueOf(1).equals(get("slow").getStatus().getAvailableReplicas()));
  }
}
