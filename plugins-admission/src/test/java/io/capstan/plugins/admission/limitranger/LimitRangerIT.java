package io.capstan.plugins.admission.limitranger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.plugins.admission.cluster.AdmissionCluster;
import io.capstan.spi.client.ApiException;
import io.capstan.tck.fixtures.TestObjects;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** LimitRanger in a real in-process API server's admission chain. */
class LimitRangerIT {

  private static AdmissionCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = new AdmissionCluster(client -> List.of(new LimitRanger(client)));
    cluster.namespace("limited");
    cluster.admin().resources(LimitRange.class).create(new LimitRangeBuilder()
        .withNewMetadata().withName("cpu").withNamespace("limited").endMetadata()
        .withNewSpec().addNewLimit().withType("Container")
        .withDefault(Map.of("cpu", new Quantity("1"))).withDefaultRequest(Map.of("cpu", new Quantity("250m")))
        .withMax(Map.of("cpu", new Quantity("2"))).endLimit().endSpec().build());
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  @Test
  void aPodWithoutResourcesGetsTheDefaults() {
    Pod stored = cluster.admin().resources(Pod.class).create(TestObjects.pod("plain").namespace("limited").build());
    var resources = stored.getSpec().getContainers().get(0).getResources();
    assertThat(resources.getRequests()).containsEntry("cpu", new Quantity("250m"));
    assertThat(resources.getLimits()).containsEntry("cpu", new Quantity("1"));
    assertThat(stored.getMetadata().getAnnotations()).containsEntry("kubernetes.io/limit-ranger",
        "LimitRanger plugin set: cpu request for container main; cpu limit for container main");
  }

  @Test
  void aLimitAboveTheMaximumIsForbiddenWithKubernetesMessage() {
    Pod greedy = new PodBuilder(TestObjects.pod("x").namespace("limited").build()).editSpec().editFirstContainer()
        .editResources().withLimits(Map.of("cpu", new Quantity("3"))).endResources().endContainer().endSpec().build();
    assertThatThrownBy(() -> cluster.admin().resources(Pod.class).create(greedy))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(403))
        .hasMessage("pods \"x\" is forbidden: maximum cpu usage per Container is 2, but limit is 3");
    assertThat(cluster.admin().resources(Pod.class).get("limited", "x")).isEmpty();
  }

  @Test
  void namespacesWithoutLimitRangesAreUntouched() {
    cluster.namespace("free");
    Pod stored = cluster.admin().resources(Pod.class).create(TestObjects.pod("free").namespace("free").build());
    assertThat(stored.getSpec().getContainers().get(0).getResources().getLimits()).isNullOrEmpty();
  }
}
