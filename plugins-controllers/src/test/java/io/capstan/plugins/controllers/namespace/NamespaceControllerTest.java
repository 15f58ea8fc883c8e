package io.capstan.plugins.controllers.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.plugins.controllers.testing.SimCluster;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.ResourceKind;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamespaceControllerTest {

  static final ResourceKind WIDGET = ResourceKind.of("example.com", "v1", "Widget", "widgets", true, GenericKubernetesResource.class);
  static final ResourceKind GADGET = ResourceKind.of("example.com", "v1", "Gadget", "gadgets", true, GenericKubernetesResource.class);

  static NamespaceCondition condition(Namespace ns, String type) {
    return ns.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
  }

  @SuppressWarnings("unchecked")
  static void createGeneric(SimCluster cluster, ResourceKind kind, String name, List<String> finalizers) {
    GenericKubernetesResource object = new GenericKubernetesResourceBuilder().withApiVersion(kind.apiVersion()).withKind(kind.kind())
        .withNewMetadata().withName(name).withNamespace("team").withFinalizers(finalizers).endMetadata().build();
    ((io.capstan.spi.client.ResourceClient<GenericKubernetesResource>) cluster.client().resources(kind)).create(object);
  }

  @Test
  void deletingANamespaceRemovesEveryKindHonoursFinalizersThenTheNamespace() throws Exception {
    List<ResourceKind> all = new ArrayList<>(KindRegistry.builtIn().all());
    all.add(WIDGET);
    all.add(GADGET);
    try (SimCluster cluster = SimCluster.start(List.of(WIDGET, GADGET), new NamespaceController(KindRegistry.of(all)))) {
      cluster.create(new NamespaceBuilder().withNewMetadata().withName("team").endMetadata().build());
      cluster.create(new ConfigMapBuilder().withNewMetadata().withName("cfg").withNamespace("team").endMetadata().build());
      cluster.create(new SecretBuilder().withNewMetadata().withName("held").withNamespace("team")
          .withFinalizers("example.com/hold").endMetadata().build());
      cluster.create(new PodBuilder().withNewMetadata().withName("p").withNamespace("team").endMetadata()
          .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().build());
      cluster.create(new DeploymentBuilder().withNewMetadata().withName("d").withNamespace("team").endMetadata()
          .withNewSpec().withNewSelector().addToMatchLabels("a", "b").endSelector().withNewTemplate().withNewMetadata()
          .addToLabels("a", "b").endMetadata().withNewSpec().addNewContainer().withName("c").withImage("x").endContainer()
          .endSpec().endTemplate().endSpec().build());
      createGeneric(cluster, WIDGET, "w1", List.of());
      createGeneric(cluster, GADGET, "g1", List.of());
      cluster.create(new ConfigMapBuilder().withNewMetadata().withName("elsewhere").withNamespace("default").endMetadata().build());

      cluster.resources(Namespace.class).delete("", "team");
      cluster.settle();
      Namespace terminating = cluster.require(Namespace.class, "", "team");
      assertThat(terminating.getStatus().getPhase()).isEqualTo("Terminating");
      assertThat(terminating.getSpec().getFinalizers()).containsExactly("kubernetes");
      assertThat(cluster.list(ConfigMap.class, "team")).isEmpty();
      assertThat(cluster.list(Pod.class, "team")).isEmpty();
      assertThat(cluster.list(Deployment.class, "team")).isEmpty();
      assertThat(cluster.client().resources(WIDGET).list(io.capstan.spi.client.ListOptions.inNamespace("team")).items()).isEmpty();
      assertThat(cluster.client().resources(GADGET).list(io.capstan.spi.client.ListOptions.inNamespace("team")).items()).isEmpty();
      assertThat(cluster.list(Secret.class, "team")).as("held by its finalizer").hasSize(1);
      assertThat(condition(terminating, "NamespaceContentRemaining").getMessage()).contains("secrets has 1 objects");
      assertThat(condition(terminating, "NamespaceFinalizersRemaining").getMessage()).contains("example.com/hold in 1 resource instances");
      assertThat(condition(terminating, "NamespaceDeletionContentFailure").getStatus()).isEqualTo("False");

      cluster.advance(Duration.ofSeconds(10));
      assertThat(cluster.get(Namespace.class, "", "team")).as("still waiting for the finalizer").isPresent();
      Secret held = cluster.require(Secret.class, "team", "held");
      held.getMetadata().setFinalizers(List.of());
      cluster.resources(Secret.class).update(held);
      cluster.advance(NamespaceController.RECHECK);
      assertThat(cluster.get(Namespace.class, "", "team")).isEmpty();
      assertThat(cluster.get(ConfigMap.class, "default", "elsewhere")).as("other namespaces untouched").isPresent();
      assertThat(cluster.errors()).isZero();
    }
  }

  @Test
  void liveNamespacesAreLeftAlone() throws Exception {
    try (SimCluster cluster = SimCluster.start(new NamespaceController(KindRegistry.builtIn()))) {
      cluster.create(new ConfigMapBuilder().withNewMetadata().withName("cfg").withNamespace("default")
          .withLabels(Map.of("keep", "yes")).endMetadata().build());
      cluster.advance(Duration.ofMinutes(1));
      assertThat(cluster.list(ConfigMap.class, "default")).hasSize(1);
      assertThat(cluster.require(Namespace.class, "", "default").getStatus().getPhase()).isEqualTo("Active");
    }
  }
}
