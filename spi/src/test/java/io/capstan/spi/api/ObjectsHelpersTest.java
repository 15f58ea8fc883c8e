package io.capstan.spi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ObjectKey, OwnerReferences, DeepCopy and KubeJson. */
class ObjectsHelpersTest {

  @Test
  void objectKeyParsesAndPrints() {
    assertThat(ObjectKey.parse("ns/name")).isEqualTo(ObjectKey.of("ns", "name")).hasToString("ns/name");
    assertThat(ObjectKey.parse("node-1")).isEqualTo(ObjectKey.clusterScoped("node-1")).hasToString("node-1");
    assertThat(ObjectKey.parse("node-1").isClusterScoped()).isTrue();
    assertThat(ObjectKey.of(pod())).isEqualTo(ObjectKey.of("prod", "web-1"));
    Namespace ns = new NamespaceBuilder().withNewMetadata().withName("prod").endMetadata().build();
    assertThat(ObjectKey.of(ns)).hasToString("prod");
    assertThat(ObjectKey.of("a", "b")).isLessThan(ObjectKey.of("b", "a"));
    assertThatThrownBy(() -> ObjectKey.parse("a/b/c")).hasMessageContaining("expected namespace/name or name");
    assertThatThrownBy(() -> ObjectKey.parse("ns/")).hasMessageContaining("needs a name");
    assertThatThrownBy(() -> ObjectKey.of(new Pod())).hasMessageContaining("no metadata.name");
  }

  @Test
  void ownerReferences() {
    ReplicaSet rs = new ReplicaSetBuilder().withNewMetadata().withName("web-abc").withNamespace("prod")
        .withUid("uid-rs").endMetadata().build();
    OwnerReference ref = OwnerReferences.newControllerRef(rs, "apps/v1", "ReplicaSet");
    assertThat(ref.getController()).isTrue();
    assertThat(ref.getBlockOwnerDeletion()).isTrue();
    assertThat(ref.getUid()).isEqualTo("uid-rs");
    assertThat(ref.getName()).isEqualTo("web-abc");
    assertThat(ref.getApiVersion() + "/" + ref.getKind()).isEqualTo("apps/v1/ReplicaSet");

    Pod owned = new PodBuilder(pod()).editMetadata()
        .addNewOwnerReference().withUid("uid-other").withName("x").withKind("Foo").withApiVersion("v1").endOwnerReference()
        .addToOwnerReferences(ref).endMetadata().build();
    assertThat(OwnerReferences.controllerOf(owned)).contains(ref);
    assertThat(OwnerReferences.isOwnedBy(owned, "uid-other")).isTrue();
    assertThat(OwnerReferences.isControlledBy(owned, "uid-other")).isFalse();
    assertThat(OwnerReferences.isControlledBy(owned, "uid-rs")).isTrue();
    assertThat(OwnerReferences.controllerOf(pod())).isEmpty();
    assertThat(OwnerReferences.isOwnedBy(pod(), "uid-rs")).isFalse();
    assertThatThrownBy(() -> OwnerReferences.newControllerRef(new ReplicaSet(), "apps/v1", "ReplicaSet"))
        .hasMessageContaining("metadata.uid");
  }

  @Test
  void deepCopyIsEqualIndependentAndKeepsUnknownFields() {
    Pod original = pod();
    original.getSpec().setAdditionalProperty("futureField", Map.of("enabled", true));
    original.setAdditionalProperty("x-extension", "kept");
    Pod copy = DeepCopy.of(original);
    assertThat(copy).isEqualTo(original).isNotSameAs(original);
    assertThat(copy.getSpec().getAdditionalProperties()).containsEntry("futureField", Map.of("enabled", true));
    assertThat(copy.getAdditionalProperties()).containsEntry("x-extension", "kept");

    copy.getMetadata().getLabels().put("app", "changed");
    copy.getSpec().getContainers().get(0).getResources().getRequests().put("cpu", new Quantity("2"));
    copy.getSpec().setNodeName("n2");
    assertThat(original.getMetadata().getLabels()).containsEntry("app", "web");
    assertThat(original.getSpec().getContainers().get(0).getResources().getRequests().get("cpu"))
        .isEqualTo(new Quantity("500m"));
    assertThat(original.getSpec().getNodeName()).isNull();
  }

  @Test
  void copyAsConvertsBetweenShapes() {
    GenericKubernetesResource generic = DeepCopy.copyAs(pod(), GenericKubernetesResource.class);
    assertThat(generic.getKind()).isEqualTo("Pod");
    assertThat(DeepCopy.copyAs(generic, Pod.class)).isEqualTo(pod());
  }

  @Test
  void kubeJsonWritesKubernetesShape() {
    JsonNode tree = KubeJson.mapper().valueToTree(new PodBuilder(pod()).editMetadata()
        .withLabels(new java.util.LinkedHashMap<>(Map.of("z", "1"))).addToLabels("a", "2").endMetadata().build());
    assertThat(tree.path("apiVersion").asText()).isEqualTo("v1");
    assertThat(tree.path("spec").path("containers").get(0).path("resources").path("requests").path("cpu").asText())
        .isEqualTo("500m");
    assertThat(tree.path("status").isMissingNode()).as("null status omitted").isTrue();
    String json = KubeJson.mapper().valueToTree(tree).toString();
    assertThat(tree.path("metadata").path("labels").fieldNames()).toIterable().containsExactly("a", "z");
    assertThat(json).doesNotContain("null");
  }

  private static Pod pod() {
    return new PodBuilder().withNewMetadata().withName("web-1").withNamespace("prod").addToLabels("app", "web")
        .endMetadata().withNewSpec().addNewContainer().withName("web").withImage("nginx:1.27")
        .withNewResources().addToRequests("cpu", new Quantity("500m")).endResources().endContainer().endSpec()
        .build();
  }
}
