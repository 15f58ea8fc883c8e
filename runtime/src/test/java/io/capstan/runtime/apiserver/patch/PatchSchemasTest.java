package io.capstan.runtime.apiserver.patch;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.api.BuiltInKinds;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The per-kind table: coverage of the built-in kinds and spot checks against {@code k8s.io/api} tags. */
class PatchSchemasTest {

  @Test
  void everyBuiltInKindHasASchemaBecauseKubernetesServesStrategicMergePatchForAllOfThem() {
    List<ResourceKind> missing = KindRegistry.builtIn().all().stream()
        .filter(k -> PatchSchemas.forKind(k).isEmpty()).toList();
    assertThat(missing).as("built-in kinds without a patch schema").isEmpty();
    BuiltInKinds.SUBRESOURCE_TYPES.keySet().stream().filter(k -> !k.equals("Status")).forEach(kind ->
        assertThat(PatchSchemas.forKind(kind.equals("Scale") ? "autoscaling" : "", "v1", kind)).as(kind).isPresent());
  }

  @Test
  void customKindsHaveNone() {
    assertThat(PatchSchemas.forKind("example.com", "v1", "Widget")).isEmpty();
    assertThat(PatchSchemas.forKind("apps", "v1beta1", "Deployment")).isEmpty();
    assertThat(PatchSchemas.forCustomResource().at("metadata.ownerReferences").mergeKey()).isEqualTo("uid");
  }

  @Test
  void mergeKeysOfTheWorkloadsMatchTheStructTags() {
    Map<String, String> expected = Map.of(
        "spec.template.spec.containers", "name",
        "spec.template.spec.initContainers", "name",
        "spec.template.spec.ephemeralContainers", "name",
        "spec.template.spec.volumes", "name",
        "spec.template.spec.imagePullSecrets", "name",
        "spec.template.spec.containers[].env", "name",
        "spec.template.spec.containers[].ports", "containerPort",
        "spec.template.spec.containers[].volumeMounts", "mountPath",
        "metadata.ownerReferences", "uid",
        "status.conditions", "type");
    for (String kind : List.of("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet")) {
      PatchSchema s = PatchSchemas.forKind("apps", "v1", kind).orElseThrow();
      expected.forEach((path, key) -> {
        assertThat(s.at(path).mergeList()).as(kind + " " + path).isTrue();
        assertThat(s.at(path).mergeKey()).as(kind + " " + path).isEqualTo(key);
      });
      assertThat(s.at("spec.template.spec.tolerations").mergeList()).as("tolerations are atomic").isFalse();
      assertThat(s.at("spec.selector").atomic()).as("LabelSelector is structType=atomic").isTrue();
    }
    PatchSchema job = PatchSchemas.forKind("batch", "v1", "Job").orElseThrow();
    assertThat(job.at("spec.template.spec.containers").mergeKey()).isEqualTo("name");
    PatchSchema cronJob = PatchSchemas.forKind("batch", "v1", "CronJob").orElseThrow();
    assertThat(cronJob.at("spec.jobTemplate.spec.template.spec.containers[].env").mergeKey()).isEqualTo("name");
  }

  @Test
  void coreKindsMatchTheStructTags() {
    PatchSchema pod = PatchSchemas.forKind("", "v1", "Pod").orElseThrow();
    assertThat(pod.at("metadata.finalizers").mergeList()).isTrue();
    assertThat(pod.at("metadata.finalizers").setList()).isTrue();
    assertThat(pod.at("spec.volumes").retainKeys()).isTrue();
    assertThat(pod.at("spec.hostAliases").mergeKey()).isEqualTo("ip");
    assertThat(pod.at("spec.topologySpreadConstraints").mergeKey()).isEqualTo("topologyKey");
    assertThat(pod.at("status.podIPs").mergeKey()).isEqualTo("ip");
    assertThat(pod.at("spec.containers[].ports").mapKeys()).containsExactly(
        new PatchSchema.ListMapKey("containerPort", Optional.empty()),
        new PatchSchema.ListMapKey("protocol", Optional.of("TCP")));
    assertThat(PatchSchemas.forKind("", "v1", "Service").orElseThrow().at("spec.ports").mergeKey()).isEqualTo("port");
    PatchSchema node = PatchSchemas.forKind("", "v1", "Node").orElseThrow();
    assertThat(node.at("status.addresses").mergeKey()).isEqualTo("type");
    assertThat(node.at("spec.podCIDRs").setList()).isTrue();
    assertThat(node.at("spec.taints").mergeList()).isFalse();
    assertThat(PatchSchemas.forKind("", "v1", "ServiceAccount").orElseThrow().at("secrets").mergeKey()).isEqualTo("name");
    assertThat(PatchSchemas.forKind("", "v1", "ConfigMap").orElseThrow().at("data").isEmpty()).isTrue();
    PatchSchema crd = PatchSchemas.forKind("apiextensions.k8s.io", "v1", "CustomResourceDefinition").orElseThrow();
    assertThat(crd.at("status.conditions").mergeList()).as("CRD conditions: listType=map only").isFalse();
    assertThat(crd.at("status.conditions").mapKeys()).hasSize(1);
  }

  @Test
  void describesItselfForDebugging() {
    String outline = PatchSchemas.forKind("", "v1", "Pod").orElseThrow().toString();
    assertThat(outline).contains("containers merge(name)").contains("finalizers merge set");
  }
}
