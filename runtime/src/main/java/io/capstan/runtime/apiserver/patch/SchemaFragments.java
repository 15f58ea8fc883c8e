package io.capstan.runtime.apiserver.patch;

/**
 * The shared pieces of the built-in kinds' patch schemas: ObjectMeta, Container, PodSpec and
 * friends, each taken from the struct tags of {@code k8s.io/api} (Kubernetes 1.32) as quoted in
 * the comments. A tag that is not listed is not there: that list is atomic for both strategies
 * ({@code tolerations}, {@code args}, {@code taints}, {@code containerStatuses}).
 *
 * <p>Sources: {@code k8s.io/api/core/v1/types.go}, {@code apps/v1/types.go},
 * {@code batch/v1/types.go}, {@code autoscaling/v2/types.go}, {@code policy/v1/types.go},
 * {@code k8s.io/apimachinery/pkg/apis/meta/v1/types.go} (ObjectMeta, LabelSelector, Condition).
 */
final class SchemaFragments {

  /**
   * ObjectMeta: {@code ownerReferences} {@code patchStrategy:"merge" patchMergeKey:"uid"};
   * {@code finalizers} {@code patchStrategy:"merge"} on a list of strings ({@code listType=set}).
   */
  static final PatchSchema OBJECT_META = PatchSchema.builder()
      .mergeList("ownerReferences", "uid")
      .setList("finalizers")
      .build();

  /**
   * Container and EphemeralContainerCommon: {@code ports} merge by {@code containerPort}
   * ({@code listMapKey=containerPort}, {@code listMapKey=protocol}, protocol defaulted to TCP);
   * {@code env} by {@code name}; {@code volumeMounts} by {@code mountPath}; {@code volumeDevices}
   * by {@code devicePath}. {@code envFrom}, {@code args}, {@code command}, {@code resizePolicy}
   * have no strategy.
   */
  static final PatchSchema CONTAINER = PatchSchema.builder()
      .mergeList("ports", "containerPort", "containerPort", "protocol=TCP")
      .mergeList("env", "name")
      .mergeList("volumeMounts", "mountPath")
      .mergeList("volumeDevices", "devicePath")
      .build();

  /**
   * PodSpec: {@code volumes} {@code patchStrategy:"merge,retainKeys" patchMergeKey:"name"};
   * {@code initContainers}, {@code containers}, {@code ephemeralContainers},
   * {@code imagePullSecrets}, {@code schedulingGates} by {@code name}; {@code hostAliases} by
   * {@code ip}; {@code topologySpreadConstraints} by {@code topologyKey} (apply keys
   * {@code topologyKey}, {@code whenUnsatisfiable}); {@code resourceClaims}
   * {@code merge,retainKeys} by {@code name}. {@code tolerations} and {@code readinessGates} have
   * no strategy and are replaced.
   */
  static final PatchSchema POD_SPEC = PatchSchema.builder()
      .mergeList("volumes", "name").retainKeys("volumes")
      .mergeList("initContainers", "name").include("initContainers[]", CONTAINER)
      .mergeList("containers", "name").include("containers[]", CONTAINER)
      .mergeList("ephemeralContainers", "name").include("ephemeralContainers[]", CONTAINER)
      .mergeList("imagePullSecrets", "name")
      .mergeList("hostAliases", "ip")
      .mergeList("topologySpreadConstraints", "topologyKey", "topologyKey", "whenUnsatisfiable")
      .mergeList("schedulingGates", "name")
      .mergeList("resourceClaims", "name").retainKeys("resourceClaims")
      .build();

  /**
   * PodStatus: {@code conditions} by {@code type}; {@code podIPs} and {@code hostIPs} by
   * {@code ip}; {@code resourceClaimStatuses} {@code merge,retainKeys} by {@code name}.
   */
  static final PatchSchema POD_STATUS = PatchSchema.builder()
      .mergeList("conditions", "type")
      .mergeList("podIPs", "ip")
      .mergeList("hostIPs", "ip")
      .mergeList("resourceClaimStatuses", "name").retainKeys("resourceClaimStatuses")
      .build();

  /** PodTemplateSpec: ObjectMeta and PodSpec. */
  static final PatchSchema POD_TEMPLATE_SPEC = PatchSchema.builder()
      .include("metadata", OBJECT_META)
      .include("spec", POD_SPEC)
      .build();

  /**
   * A status whose {@code conditions} merge by {@code type}: every {@code XxxStatus.Conditions}
   * of the built-in kinds that has one ({@code patchStrategy:"merge" patchMergeKey:"type"}), and
   * {@code []metav1.Condition} fields (Service, PodDisruptionBudget).
   */
  static final PatchSchema CONDITIONS_STATUS = PatchSchema.builder()
      .mergeList("conditions", "type")
      .build();

  /**
   * The spec of a workload with a pod template: the template, and a {@code selector} that is a
   * {@code metav1.LabelSelector} ({@code structType=atomic}, so apply owns it whole).
   */
  static final PatchSchema WORKLOAD_SPEC = PatchSchema.builder()
      .include("template", POD_TEMPLATE_SPEC)
      .atomic("selector")
      .build();

  /** JobSpec: a workload spec ({@code podFailurePolicy.rules} and the rest are atomic). */
  static final PatchSchema JOB_SPEC = WORKLOAD_SPEC;

  private SchemaFragments() {}

  /** A top-level object with ObjectMeta and nothing else known. */
  static PatchSchemaBuilder object() {
    return PatchSchema.builder().include("metadata", OBJECT_META);
  }
}
