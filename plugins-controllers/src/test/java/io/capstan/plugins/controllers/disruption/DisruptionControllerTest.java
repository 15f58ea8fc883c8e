package io.capstan.plugins.controllers.disruption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.capstan.plugins.controllers.fixtures.ControllerFixture;
import io.capstan.spi.api.OwnerReferences;
import io.capstan.spi.client.ApiException;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.Eviction;
import io.fabric8.kubernetes.api.model.policy.v1.EvictionBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Budget status from the selected pods, and the eviction subresource spending it, on a real API server. */
class DisruptionControllerTest {

  private final ControllerFixture fx = new ControllerFixture().start(new DisruptionController());

  @AfterEach
  void close() throws Exception {
    fx.close();
  }

  private Pod runningPod(String name, Optional<ReplicaSet> owner) {
    PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace("default")
        .addToLabels("app", "web").endMetadata().withNewSpec().addNewContainer().withName("app").withImage("nginx")
        .endContainer().endSpec();
    owner.ifPresent(rs -> pod.editMetadata().withOwnerReferences(OwnerReferences.newControllerRef(rs, "apps/v1",
        "ReplicaSet")).endMetadata());
    return fx.markRunning(fx.client().resources(Pod.class).create(pod.build()));
  }

  private PodDisruptionBudget budget(String name, IntOrString minAvailable, IntOrString maxUnavailable) {
    return fx.client().resources(PodDisruptionBudget.class).create(new PodDisruptionBudgetBuilder().withNewMetadata()
        .withName(name).withNamespace("default").endMetadata().withNewSpec().withMinAvailable(minAvailable)
        .withMaxUnavailable(maxUnavailable).withNewSelector().addToMatchLabels("app", "web").endSelector().endSpec().build());
  }

  private PodDisruptionBudgetStatus statusOf(String name) {
    return fx.client().resources(PodDisruptionBudget.class).get("default", name).orElseThrow().getStatus();
  }

  private void evict(String pod) {
    Eviction eviction = new EvictionBuilder().withNewMetadata().withName(pod).withNamespace("default").endMetadata().build();
    fx.client().resources(Pod.class).createSubresource("default", pod, "eviction", eviction);
  }

  private static boolean counts(PodDisruptionBudgetStatus s, int expected, int desired, int healthy, int allowed) {
    return s != null && s.getExpectedPods() == expected && s.getDesiredHealthy() == desired
        && s.getCurrentHealthy() == healthy && s.getDisruptionsAllowed() == allowed;
  }

  @Test
  void minAvailableBudgetAllowsEvictionsUntilItWouldBeViolated() {
    for (String name : new String[] {"web-a", "web-b", "web-c"}) {
      runningPod(name, Optional.empty());
    }
    budget("web", new IntOrString(2), null);
    await().atMost(Duration.ofSeconds(10)).until(() -> counts(statusOf("web"), 3, 2, 3, 1));
    PodDisruptionBudgetStatus status = statusOf("web");
    assertThat(status.getObservedGeneration()).isEqualTo(1L);
    assertThat(status.getConditions()).singleElement().satisfies(c -> {
      assertThat(c.getType()).isEqualTo("DisruptionAllowed");
      assertThat(c.getStatus()).isEqualTo("True");
      assertThat(c.getReason()).isEqualTo("SufficientPods");
    });

    evict("web-a");
    assertThat(fx.client().resources(Pod.class).get("default", "web-a")
        .map(p -> p.getMetadata().getDeletionTimestamp() != null).orElse(true)).as("web-a deleted").isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> counts(statusOf("web"), 3, 2, 2, 0));
    assertThat(statusOf("web").getConditions()).singleElement()
        .satisfies(c -> assertThat(c.getReason()).isEqualTo("InsufficientPods"));

    ApiException refused = catchThrowableOfType(() -> evict("web-b"), ApiException.class);
    assertThat(refused.code()).isEqualTo(429);
    assertThat(refused.getMessage()).contains("Cannot evict pod as it would violate the pod's disruption budget.");
    assertThat(refused.status().getDetails().getCauses()).anySatisfy(c -> {
      assertThat(c.getReason()).isEqualTo("DisruptionBudget");
      assertThat(c.getMessage()).isEqualTo("The disruption budget web needs 2 healthy pods and has 2 currently");
    });
    assertThat(fx.client().resources(Pod.class).get("default", "web-b").orElseThrow().getMetadata()
        .getDeletionTimestamp()).isNull();
  }

  @Test
  void percentMaxUnavailableIsRelativeToTheControllersScaleRoundedUp() {
    ReplicaSet rs = fx.client().resources(ReplicaSet.class).create(new ReplicaSetBuilder().withNewMetadata()
        .withName("web").withNamespace("default").endMetadata().withNewSpec().withReplicas(5).withNewSelector()
        .addToMatchLabels("app", "web").endSelector().withTemplate(ControllerFixture.template(Map.of("app", "web"), "nginx"))
        .endSpec().build());
    for (int i = 0; i < 4; i++) {
      runningPod("web-" + i, Optional.of(rs));
    }
    // 5 expected (the ReplicaSet's scale, not the 4 pods); 25% of 5 rounds up to 2 unavailable
    budget("web", null, new IntOrString("25%"));
    await().atMost(Duration.ofSeconds(10)).until(() -> counts(statusOf("web"), 5, 3, 4, 1));

    fx.client().resources(ReplicaSet.class).patch("default", "web", io.capstan.spi.client.PatchType.MERGE,
        "{\"spec\":{\"replicas\":8}}");
    await().atMost(Duration.ofSeconds(10)).until(() -> counts(statusOf("web"), 8, 6, 4, 0));
  }

  @Test
  void podWithoutControllerFailsSafe() {
    runningPod("loose", Optional.empty());
    budget("web", null, new IntOrString(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> statusOf("web") != null && statusOf("web").getConditions() != null
        && statusOf("web").getConditions().stream().anyMatch(c -> "SyncFailed".equals(c.getReason())));
    PodDisruptionBudgetStatus status = statusOf("web");
    assertThat(status.getDisruptionsAllowed()).isZero();
    assertThat(status.getConditions().get(0).getMessage()).isEqualTo("found no controller ref for pod \"loose\"");
    ApiException refused = catchThrowableOfType(() -> evict("loose"), ApiException.class);
    assertThat(refused.code()).isEqualTo(429);
  }
}
