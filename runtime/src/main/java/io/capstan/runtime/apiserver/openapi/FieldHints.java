package io.capstan.runtime.apiserver.openapi;

import java.util.List;
import java.util.Map;

/**
 * What fabric8's classes do not record but Kubernetes' schemas say: required fields, and the
 * strategic-merge-patch metadata of lists ({@code x-kubernetes-patch-strategy} and
 * {@code x-kubernetes-patch-merge-key}), from the {@code patchStrategy}/{@code patchMergeKey} tags
 * and {@code +required} markers of k8s.io/api's {@code types.go} as they appear in Kubernetes 1.32's
 * published OpenAPI. Only the fields clients rely on most are listed: kubectl's client-side apply
 * and {@code kubectl explain}'s {@code -required-} markers. Stateless.
 */
final class FieldHints {

  private static final String CORE = "io.k8s.api.core.v1.";
  private static final String APPS = "io.k8s.api.apps.v1.";
  private static final String BATCH = "io.k8s.api.batch.v1.";

  /** Schema name to required properties. */
  private static final Map<String, List<String>> REQUIRED = Map.ofEntries(
      Map.entry(CORE + "PodSpec", List.of("containers")),
      Map.entry(CORE + "Container", List.of("name")),
      Map.entry(CORE + "EphemeralContainer", List.of("name")),
      Map.entry(CORE + "ContainerPort", List.of("containerPort")),
      Map.entry(CORE + "EnvVar", List.of("name")),
      Map.entry(CORE + "Volume", List.of("name")),
      Map.entry(CORE + "VolumeMount", List.of("name", "mountPath")),
      Map.entry(CORE + "ServicePort", List.of("port")),
      Map.entry(CORE + "KeyToPath", List.of("key", "path")),
      Map.entry(CORE + "ConfigMapKeySelector", List.of("key")),
      Map.entry(CORE + "SecretKeySelector", List.of("key")),
      Map.entry(CORE + "ObjectFieldSelector", List.of("fieldPath")),
      Map.entry(CORE + "ResourceFieldSelector", List.of("resource")),
      Map.entry(CORE + "NodeSelectorRequirement", List.of("key", "operator")),
      Map.entry(CORE + "NodeSelector", List.of("nodeSelectorTerms")),
      Map.entry(CORE + "PodCondition", List.of("type", "status")),
      Map.entry(CORE + "NodeCondition", List.of("type", "status")),
      Map.entry(CORE + "NodeAddress", List.of("type", "address")),
      Map.entry(CORE + "Taint", List.of("key", "effect")),
      Map.entry(CORE + "ContainerStatus", List.of("name", "ready", "restartCount", "image", "imageID")),
      Map.entry(SchemaNames.META + "OwnerReference", List.of("apiVersion", "kind", "name", "uid")),
      Map.entry(SchemaNames.META + "LabelSelectorRequirement", List.of("key", "operator")),
      Map.entry(SchemaNames.META + "Condition", List.of("type", "status", "lastTransitionTime", "reason", "message")),
      Map.entry(APPS + "DeploymentSpec", List.of("selector", "template")),
      Map.entry(APPS + "ReplicaSetSpec", List.of("selector")),
      Map.entry(APPS + "StatefulSetSpec", List.of("selector", "template")),
      Map.entry(APPS + "DaemonSetSpec", List.of("selector", "template")),
      Map.entry(APPS + "DeploymentCondition", List.of("type", "status")),
      Map.entry(APPS + "ControllerRevision", List.of("revision")),
      Map.entry(BATCH + "JobSpec", List.of("template")),
      Map.entry(BATCH + "CronJobSpec", List.of("schedule", "jobTemplate")),
      Map.entry(BATCH + "JobCondition", List.of("type", "status")),
      Map.entry("io.k8s.api.rbac.v1.RoleRef", List.of("apiGroup", "kind", "name")),
      Map.entry("io.k8s.api.rbac.v1.Subject", List.of("kind", "name")),
      Map.entry("io.k8s.api.rbac.v1.PolicyRule", List.of("verbs")),
      Map.entry("io.k8s.api.rbac.v1.RoleBinding", List.of("roleRef")),
      Map.entry("io.k8s.api.rbac.v1.ClusterRoleBinding", List.of("roleRef")));

  /** "schema.property" to {strategy, merge key or ""}. */
  private static final Map<String, List<String>> PATCH = Map.ofEntries(
      Map.entry(CORE + "PodSpec.containers", List.of("merge", "name")),
      Map.entry(CORE + "PodSpec.initContainers", List.of("merge", "name")),
      Map.entry(CORE + "PodSpec.ephemeralContainers", List.of("merge", "name")),
      Map.entry(CORE + "PodSpec.volumes", List.of("merge,retainKeys", "name")),
      Map.entry(CORE + "PodSpec.imagePullSecrets", List.of("merge", "name")),
      Map.entry(CORE + "PodSpec.hostAliases", List.of("merge", "ip")),
      Map.entry(CORE + "PodSpec.topologySpreadConstraints", List.of("merge", "topologyKey")),
      Map.entry(CORE + "PodSpec.schedulingGates", List.of("merge", "name")),
      Map.entry(CORE + "PodSpec.resourceClaims", List.of("merge,retainKeys", "name")),
      Map.entry(CORE + "Container.env", List.of("merge", "name")),
      Map.entry(CORE + "Container.ports", List.of("merge", "containerPort")),
      Map.entry(CORE + "Container.volumeMounts", List.of("merge", "mountPath")),
      Map.entry(CORE + "Container.volumeDevices", List.of("merge", "devicePath")),
      Map.entry(CORE + "EphemeralContainer.env", List.of("merge", "name")),
      Map.entry(CORE + "EphemeralContainer.volumeMounts", List.of("merge", "mountPath")),
      Map.entry(CORE + "EphemeralContainer.volumeDevices", List.of("merge", "devicePath")),
      Map.entry(CORE + "ServiceSpec.ports", List.of("merge", "port")),
      Map.entry(CORE + "PodStatus.conditions", List.of("merge", "type")),
      Map.entry(CORE + "PodStatus.podIPs", List.of("merge", "ip")),
      Map.entry(CORE + "NodeStatus.conditions", List.of("merge", "type")),
      Map.entry(CORE + "NodeStatus.addresses", List.of("merge", "type")),
      Map.entry(CORE + "NamespaceStatus.conditions", List.of("merge", "type")),
      Map.entry(CORE + "ReplicationControllerStatus.conditions", List.of("merge", "type")),
      Map.entry(CORE + "ServiceStatus.conditions", List.of("merge", "type")),
      Map.entry(SchemaNames.META + "ObjectMeta.finalizers", List.of("merge", "")),
      Map.entry(SchemaNames.META + "ObjectMeta.ownerReferences", List.of("merge", "uid")),
      Map.entry(APPS + "DeploymentStatus.conditions", List.of("merge", "type")),
      Map.entry(APPS + "ReplicaSetStatus.conditions", List.of("merge", "type")),
      Map.entry(APPS + "StatefulSetStatus.conditions", List.of("merge", "type")),
      Map.entry(APPS + "DaemonSetStatus.conditions", List.of("merge", "type")),
      Map.entry(BATCH + "JobStatus.conditions", List.of("merge", "type")));

  private FieldHints() {}

  /** Required properties of {@code schema}, empty when none are known. */
  static List<String> required(String schema) {
    return REQUIRED.getOrDefault(schema, List.of());
  }

  /** {strategy, merge key (may be empty)} of {@code schema.property}, or null when none. */
  static List<String> patch(String schema, String property) {
    return PATCH.get(schema + "." + property);
  }
}
