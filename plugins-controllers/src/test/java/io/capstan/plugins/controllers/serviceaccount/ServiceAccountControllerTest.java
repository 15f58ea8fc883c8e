package io.capstan.plugins.controllers.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.plugins.controllers.testing.SimCluster;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import org.junit.jupiter.api.Test;

class ServiceAccountControllerTest {

  @Test
  void everyNamespaceGetsADefaultServiceAccountAgainAfterDeletion() throws Exception {
    try (SimCluster cluster = SimCluster.start(new ServiceAccountController())) {
      assertThat(cluster.get(ServiceAccount.class, "default", "default")).isPresent();
      assertThat(cluster.get(ServiceAccount.class, "kube-system", "default")).isPresent();

      cluster.create(new NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata().build());
      assertThat(cluster.get(ServiceAccount.class, "team-a", "default")).isPresent();

      cluster.resources(ServiceAccount.class).delete("team-a", "default");
      cluster.settle();
      assertThat(cluster.get(ServiceAccount.class, "team-a", "default")).isPresent();
      assertThat(cluster.list(ServiceAccount.class, "team-a")).hasSize(1);
      assertThat(cluster.errors()).isZero();
    }
  }

  @Test
  void aTerminatingNamespaceGetsNoNewServiceAccount() throws Exception {
    try (SimCluster cluster = SimCluster.start(new ServiceAccountController())) {
      Namespace ns = new NamespaceBuilder().withNewMetadata().withName("going").endMetadata()
          .withNewStatus().withPhase("Terminating").endStatus().build();
      Namespace created = cluster.create(ns);
      assertThat(cluster.get(ServiceAccount.class, "going", "default")).isPresent();
      created.getStatus().setPhase("Terminating");
      cluster.resources(Namespace.class).updateStatus(created);
      cluster.resources(ServiceAccount.class).delete("going", "default");
      cluster.settle();
      assertThat(cluster.get(ServiceAccount.class, "going", "default")).isEmpty();
    }
  }
}
