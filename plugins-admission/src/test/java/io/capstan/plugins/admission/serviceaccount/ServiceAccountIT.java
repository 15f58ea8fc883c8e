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

  @Test
  void whenAskedPodsGetKubernetesProjectedTokenVolumeUnlessTheyOptOut() throws Exception {
    try (AdmissionCluster tokens = new AdmissionCluster(client -> List.of(new ServiceAccount(client, new ServiceAccountConfig(true))))) {
      tokens.admin().resources(io.fabric8.kubernetes.api.model.ServiceAccount.class).create(new ServiceAccountBuilder()
          .withNewMetadata().withName("quiet").withNamespace("default").endMetadata().withAutomountServiceAccountToken(false).build());
      Pod pod = new PodBuilder(TestObjects.pod("t").build()).editSpec().addNewInitContainer().withName("init").withImage("busybox")
          .endInitContainer().endSpec().build();
      Pod stored = tokens.admin().resources(Pod.class).create(pod);
      var volume = stored.getSpec().getVolumes().get(0);
      assertThat(volume.getName()).startsWith("kube-api-access-").hasSize("kube-api-access-".length() + 5);
      assertThat(volume.getProjected().getSources()).hasSize(3);
      assertThat(volume.getProjected().getSources().get(0).getServiceAccountToken().getExpirationSeconds()).isEqualTo(3607L);
      assertThat(volume.getProjected().getSources().get(1).getConfigMap().getName()).isEqualTo("kube-root-ca.crt");
      for (var c : List.of(stored.getSpec().getContainers().get(0), stored.getSpec().getInitContainers().get(0))) {
        assertThat(c.getVolumeMounts()).singleElement().satisfies(m -> {
          assertThat(m.getName()).isEqualTo(volume.getName());
          assertThat(m.getMountPath()).isEqualTo("/var/run/secrets/kubernetes.io/serviceaccount");
          assertThat(m.getReadOnly()).isTrue();
        });
      }
      Pod quiet = new PodBuilder(TestObjects.pod("q").build()).editSpec().withServiceAccountName("quiet").endSpec().build();
      assertThat(tokens.admin().resources(Pod.class).create(quiet).getSpec().getVolumes()).isNullOrEmpty();
      Pod optedOut = new PodBuilder(TestObjects.pod("o").build()).editSpec().withAutomountServiceAccountToken(false).endSpec().build();
      assertThat(tokens.admin().resources(Pod.class).create(optedOut).getSpec().getVolumes()).isNullOrEmpty();
    }
  }
}
