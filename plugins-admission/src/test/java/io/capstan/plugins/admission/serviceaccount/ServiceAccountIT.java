package io.capstan.plugins.admission.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.plugins.admission.cluster.AdmissionCluster;
import io.capstan.spi.client.ApiException;
import io.capstan.tck.fixtures.TestObjects;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ServiceAccount admission in a real in-process API server's chain. */
class ServiceAccountIT {

  private static AdmissionCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = new AdmissionCluster(client -> List.of(new ServiceAccount(client)));
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  private static void account(String namespace, String name, String pullSecret) {
    ServiceAccountBuilder sa = new ServiceAccountBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata();
    if (pullSecret != null) {
      sa.addNewImagePullSecret(pullSecret);
    }
    cluster.admin().resources(io.fabric8.kubernetes.api.model.ServiceAccount.class).create(sa.build());
  }

  @Test
  void podsGetTheDefaultAccountAndItsPullSecrets() {
    cluster.namespace("with-default");
    account("with-default", "default", "registry-key");
    Pod stored = cluster.admin().resources(Pod.class).create(TestObjects.pod("p").namespace("with-default").build());
    assertThat(stored.getSpec().getServiceAccountName()).isEqualTo("default");
    assertThat(stored.getSpec().getImagePullSecrets()).extracting(r -> r.getName()).containsExactly("registry-key");
  }

  @Test
  void aMissingAccountIsForbiddenWithKubernetesMessage() {
    cluster.namespace("no-default");
    assertThatThrownBy(() -> cluster.admin().resources(Pod.class).create(TestObjects.pod("p").namespace("no-default").build()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(403))
        .hasMessage("pods \"p\" is forbidden: error looking up service account no-default/default: serviceaccount \"default\" not found");
    account("no-default", "builder", null);
    Pod named = new PodBuilder(TestObjects.pod("q").namespace("no-default").build()).editSpec().withServiceAccountName("robot").endSpec().build();
    assertThatThrownBy(() -> cluster.admin().resources(Pod.class).create(named))
        .hasMessage("pods \"q\" is forbidden: error looking up service account no-default/robot: serviceaccount \"robot\" not found");
    Pod builder = new PodBuilder(named).editSpec().withServiceAccountName("builder").endSpec().build();
    assertThat(cluster.admin().resources(Pod.class).create(builder).getSpec().getServiceAccountName()).isEqualTo("builder");
  }

  @Test
  void mirrorPodsAreLeftAloneButMayNotNameAnAccount() {
    cluster.namespace("mirrors");
    Pod mirror = new PodBuilder(TestObjects.pod("m").namespace("mirrors").node("n1").annotation("kubernetes.io/config.mirror", "x").build()).build();
    assertThat(cluster.admin().resources(Pod.class).create(mirror).getSpec().getServiceAccountName()).isNullOrEmpty();
    Pod named = new PodBuilder(mirror).editMetadata().withName("m2").endMetadata().editSpec().withServiceAccountName("default").endSpec().build();
    assertThatThrownBy(() -> cluster.admin().resources(Pod.class).create(named))
        .hasMessage("pods \"m2\" is forbidden: a mirror pod may not reference service accounts");
  }
}
