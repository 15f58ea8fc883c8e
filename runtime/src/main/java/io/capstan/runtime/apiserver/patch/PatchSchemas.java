package io.capstan.runtime.apiserver.patch;

import static io.capstan.runtime.apiserver.patch.SchemaFragments.CONDITIONS_STATUS;
import static io.capstan.runtime.apiserver.patch.SchemaFragments.JOB_SPEC;
import static io.capstan.runtime.apiserver.patch.SchemaFragments.POD_SPEC;
import static io.capstan.runtime.apiserver.patch.SchemaFragments.POD_STATUS;
import static io.capstan.runtime.apiserver.patch.SchemaFragments.POD_TEMPLATE_SPEC;
import static io.capstan.runtime.apiserver.patch.SchemaFragments.WORKLOAD_SPEC;
import static io.capstan.runtime.apiserver.patch.SchemaFragments.object;
import static java.util.Objects.requireNonNull;

import io.capstan.spi.api.ResourceKind;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The patch schema of every built-in kind, looked up by group, version and kind. A kind listed
 * here accepts strategic merge patch, as every kind compiled into the Kubernetes API server does;
 * a kind that is not (a custom resource) gets 415 for strategic merge patch, and
 * {@link #forCustomResource()} for server-side apply and managed fields.
 *
 * <p>The entries come from the {@code patchStrategy}/{@code patchMergeKey}/{@code listType}
 * tags of {@code k8s.io/api} 1.32; the shared parts and their sources are in
 * {@link SchemaFragments}. Kinds whose types carry no such tag beyond ObjectMeta (ConfigMap,
 * Secret, Endpoints, Ingress, RBAC, ...) still have an entry: strategic merge patch then acts as
 * merge patch, exactly as on Kubernetes.
 */
public final class PatchSchemas {

  private static final Map<String, PatchSchema> BY_GVK = new HashMap<>();

  static {
    // core/v1
    put("", "v1", "Pod", object().include("spec", POD_SPEC).include("status", POD_STATUS));
    put("", "v1", "PodTemplate", object().include("template", POD_TEMPLATE_SPEC));
    put("", "v1", "ReplicationController", object().include("spec.template", POD_TEMPLATE_SPEC)
        .include("status", CONDITIONS_STATUS));
    // ServiceSpec.Ports: patchMergeKey:"port", listMapKey=port + protocol; ServiceStatus.Conditions.
    put("", "v1", "Service", object().mergeList("spec.ports", "port", "port", "protocol=TCP")
        .include("status", CONDITIONS_STATUS));
    // NodeSpec.PodCIDRs: patchStrategy:"merge" (set); NodeStatus.Conditions and Addresses by type.
    put("", "v1", "Node", object().setList("spec.podCIDRs").include("status", CONDITIONS_STATUS)
        .mergeList("status.addresses", "type"));
    put("", "v1", "Namespace", object().include("status", CONDITIONS_STATUS));
    // ServiceAccount.Secrets by name; its imagePullSecrets have no strategy.
    put("", "v1", "ServiceAccount", object().mergeList("secrets", "name"));
    put("", "v1", "PersistentVolumeClaim", object().include("status", CONDITIONS_STATUS));
    for (String kind : new String[] {"Endpoints", "Event", "ConfigMap", "Secret", "ResourceQuota", "LimitRange",
        "PersistentVolume", "Binding"}) {
      put("", "v1", kind, object());
    }
    // apps/v1: DeploymentSpec.Strategy carries patchStrategy:"retainKeys".
    put("apps", "v1", "Deployment", object().include("spec", WORKLOAD_SPEC).retainKeys("spec.strategy")
        .include("status", CONDITIONS_STATUS));
    for (String kind : new String[] {"ReplicaSet", "StatefulSet", "DaemonSet"}) {
      put("apps", "v1", kind, object().include("spec", WORKLOAD_SPEC).include("status", CONDITIONS_STATUS));
    }
    put("apps", "v1", "ControllerRevision", object());
    // batch/v1: JobStatus.Conditions by type; CronJob wraps a JobTemplateSpec.
    put("batch", "v1", "Job", object().include("spec", JOB_SPEC).include("status", CONDITIONS_STATUS));
    put("batch", "v1", "CronJob", object().include("spec.jobTemplate.metadata", SchemaFragments.OBJECT_META)
        .include("spec.jobTemplate.spec", JOB_SPEC));
    put("autoscaling", "v2", "HorizontalPodAutoscaler", object().include("status", CONDITIONS_STATUS));
    put("autoscaling", "v1", "Scale", object());
    put("policy", "v1", "PodDisruptionBudget", object().atomic("spec.selector").include("status", CONDITIONS_STATUS));
    for (String kind : new String[] {"Ingress", "IngressClass", "NetworkPolicy"}) {
      put("networking.k8s.io", "v1", kind, object());
    }
    put("discovery.k8s.io", "v1", "EndpointSlice", object());
    put("coordination.k8s.io", "v1", "Lease", object());
    put("events.k8s.io", "v1", "Event", object());
    for (String kind : new String[] {"Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"}) {
      put("rbac.authorization.k8s.io", "v1", kind, object());
    }
    put("scheduling.k8s.io", "v1", "PriorityClass", object());
    // admissionregistration/v1: webhooks merge by name (patchMergeKey=name, listType=map).
    for (String kind : new String[] {"ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"}) {
      put("admissionregistration.k8s.io", "v1", kind, object().mergeList("webhooks", "name"));
    }
    // CustomResourceDefinitionStatus.Conditions: listType=map, listMapKey=type, no patch strategy.
    put("apiextensions.k8s.io", "v1", "CustomResourceDefinition", object().mapList("status.conditions", "type"));
  }

  private static final PatchSchema CUSTOM_RESOURCE = object().build();

  private PatchSchemas() {}

  private static void put(String group, String version, String kind, PatchSchemaBuilder schema) {
    if (BY_GVK.put(key(group, version, kind), schema.build()) != null) {
      throw new IllegalStateException("two patch schemas for " + kind);
    }
  }

  private static String key(String group, String version, String kind) {
    return requireNonNull(group, "group") + "/" + requireNonNull(version, "version") + "/"
        + requireNonNull(kind, "kind");
  }

  /**
   * The strategic-merge schema of a built-in kind, or empty for a kind Kubernetes serves no
   * strategic merge patch for (custom resources): the API server then answers 415.
   */
  public static Optional<PatchSchema> forKind(String group, String version, String kind) {
    return Optional.ofNullable(BY_GVK.get(key(group, version, kind)));
  }

  /** {@link #forKind(String, String, String)} of a registered kind. */
  public static Optional<PatchSchema> forKind(ResourceKind kind) {
    requireNonNull(kind, "kind");
    return forKind(kind.group(), kind.version(), kind.kind());
  }

  /**
   * The schema server-side apply and managed fields use for a custom resource: ObjectMeta's lists
   * keyed as on every object, the rest granular objects and atomic lists (what Kubernetes derives
   * from a structural schema without {@code x-kubernetes-list-type}).
   */
  public static PatchSchema forCustomResource() {
    return CUSTOM_RESOURCE;
  }
}
