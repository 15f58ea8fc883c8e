package io.capstan.runtime.apiserver.protobuf;

import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.HashSet;
import java.util.Set;

/**
 * The scalar fields whose zero value ({@code 0}, {@code false}, {@code ""}) Go's JSON would write,
 * so {@link ProtoToJson} keeps them; every other zero scalar is left out.
 *
 * <p>Why a table: Kubernetes' Go protobuf code writes every non-pointer field, set or not, so a
 * kubectl body carries {@code generateName: ""}, {@code minReadySeconds: 0}, {@code stdin: false}
 * and dozens more that its JSON would omit ({@code omitempty}); the descriptors cannot tell those
 * from a pointer field set to zero on purpose, such as {@code replicas: 0},
 * {@code backoffLimit: 0} or {@code automountServiceAccountToken: false}, which mean something
 * different from "unset". This table lists the latter (Go pointer scalars, "P") and the
 * non-{@code omitempty} scalars Go always writes ("N", mostly required names and status counters),
 * per message, from the Go types in {@code k8s.io/api}. A name missing here costs a P field its
 * zero (the server then applies the default instead) and an N field only its presence (Go reads
 * absent and zero alike). Entries use protobuf field names. A test checks that every entry names a
 * real field.
 */
final class GoZeroFields {

  private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";
  private static final String CORE = "k8s.io.api.core.v1.";
  private static final Set<String> FIELDS = table();

  private GoZeroFields() {}

  private static Set<String> table() {
    Set<String> t = new HashSet<>();
    on(t, META + "ObjectMeta", "deletionGracePeriodSeconds");
    on(t, META + "OwnerReference", "apiVersion", "kind", "name", "uid", "controller", "blockOwnerDeletion");
    on(t, META + "ListMeta", "remainingItemCount");
    on(t, META + "DeleteOptions", "gracePeriodSeconds", "orphanDependents", "propagationPolicy",
        "ignoreStoreReadErrorWithClusterBreakingPotential");
    on(t, META + "Preconditions", "uid", "resourceVersion");
    on(t, META + "LabelSelectorRequirement", "key", "operator");
    on(t, META + "Condition", "type", "status", "reason", "message");

    on(t, CORE + "PodSpec", "terminationGracePeriodSeconds", "activeDeadlineSeconds", "automountServiceAccountToken",
        "shareProcessNamespace", "priority", "enableServiceLinks", "preemptionPolicy", "setHostnameAsFQDN",
        "hostUsers", "runtimeClassName", "hostnameOverride");
    on(t, CORE + "PodSecurityContext", "runAsUser", "runAsGroup", "runAsNonRoot", "fsGroup", "fsGroupChangePolicy",
        "supplementalGroupsPolicy", "seLinuxChangePolicy");
    on(t, CORE + "SecurityContext", "privileged", "runAsUser", "runAsGroup", "runAsNonRoot", "readOnlyRootFilesystem",
        "allowPrivilegeEscalation", "procMount");
    on(t, CORE + "SeccompProfile", "localhostProfile");
    on(t, CORE + "AppArmorProfile", "localhostProfile");
    on(t, CORE + "WindowsSecurityContextOptions", "gmsaCredentialSpecName", "gmsaCredentialSpec", "runAsUserName",
        "hostProcess");
    on(t, CORE + "Container", "name", "restartPolicy");
    on(t, CORE + "EphemeralContainerCommon", "name", "restartPolicy");
    on(t, CORE + "ContainerPort", "containerPort");
    on(t, CORE + "EnvVar", "name");
    on(t, CORE + "ConfigMapKeySelector", "key", "optional");
    on(t, CORE + "SecretKeySelector", "key", "optional");
    on(t, CORE + "ConfigMapEnvSource", "optional");
    on(t, CORE + "SecretEnvSource", "optional");
    on(t, CORE + "ObjectFieldSelector", "fieldPath");
    on(t, CORE + "ResourceFieldSelector", "resource");
    on(t, CORE + "VolumeMount", "name", "mountPath", "mountPropagation", "recursiveReadOnly");
    on(t, CORE + "VolumeDevice", "name", "devicePath");
    on(t, CORE + "Volume", "name");
    on(t, CORE + "SecretVolumeSource", "defaultMode", "optional");
    on(t, CORE + "ConfigMapVolumeSource", "defaultMode", "optional");
    on(t, CORE + "KeyToPath", "key", "path", "mode");
    on(t, CORE + "DownwardAPIVolumeSource", "defaultMode");
    on(t, CORE + "DownwardAPIVolumeFile", "path", "mode");
    on(t, CORE + "ProjectedVolumeSource", "defaultMode");
    on(t, CORE + "SecretProjection", "optional");
    on(t, CORE + "ConfigMapProjection", "optional");
    on(t, CORE + "ServiceAccountTokenProjection", "expirationSeconds", "path");
    on(t, CORE + "ClusterTrustBundleProjection", "name", "signerName", "optional", "path");
    on(t, CORE + "HostPathVolumeSource", "path", "type");
    on(t, CORE + "CSIVolumeSource", "driver", "readOnly", "fsType");
    on(t, CORE + "PersistentVolumeClaimVolumeSource", "claimName");
    on(t, CORE + "NFSVolumeSource", "server", "path");
    on(t, CORE + "Probe", "terminationGracePeriodSeconds");
    on(t, CORE + "GRPCAction", "port", "service");
    on(t, CORE + "HTTPHeader", "name", "value");
    on(t, CORE + "SleepAction", "seconds");
    on(t, CORE + "Lifecycle", "stopSignal");
    on(t, CORE + "Toleration", "tolerationSeconds");
    on(t, CORE + "Taint", "key", "effect");
    on(t, CORE + "NodeSelectorRequirement", "key", "operator");
    on(t, CORE + "PreferredSchedulingTerm", "weight");
    on(t, CORE + "WeightedPodAffinityTerm", "weight");
    on(t, CORE + "PodAffinityTerm", "topologyKey");
    on(t, CORE + "TopologySpreadConstraint", "maxSkew", "topologyKey", "whenUnsatisfiable", "minDomains",
        "nodeAffinityPolicy", "nodeTaintsPolicy");
    on(t, CORE + "PodDNSConfigOption", "value");
    on(t, CORE + "HostAlias", "ip");
    on(t, CORE + "PodReadinessGate", "conditionType");
    on(t, CORE + "PodResourceClaim", "name", "resourceClaimName", "resourceClaimTemplateName");
    on(t, CORE + "PodSchedulingGate", "name");
    on(t, CORE + "ResourceClaim", "name");
    on(t, CORE + "ContainerResizePolicy", "resourceName", "restartPolicy");
    on(t, CORE + "PodOS", "name");
    on(t, CORE + "Sysctl", "name", "value");
    on(t, CORE + "TypedLocalObjectReference", "apiGroup", "kind", "name");
    on(t, CORE + "TypedObjectReference", "apiGroup", "kind", "name", "namespace");
    on(t, CORE + "PersistentVolumeClaimSpec", "storageClassName", "volumeMode", "volumeAttributesClassName");
    on(t, CORE + "PersistentVolumeClaimStatus", "currentVolumeAttributesClassName");
    on(t, CORE + "PersistentVolumeSpec", "volumeMode", "volumeAttributesClassName");
    on(t, CORE + "ServiceSpec", "allocateLoadBalancerNodePorts", "ipFamilyPolicy", "loadBalancerClass",
        "internalTrafficPolicy", "trafficDistribution");
    on(t, CORE + "ServicePort", "port", "appProtocol");
    on(t, CORE + "ClientIPConfig", "timeoutSeconds");
    on(t, CORE + "LoadBalancerIngress", "ipMode");
    on(t, CORE + "PortStatus", "port", "protocol", "error");
    on(t, CORE + "ServiceAccount", "automountServiceAccountToken");
    on(t, CORE + "Secret", "immutable");
    on(t, CORE + "ConfigMap", "immutable");
    on(t, CORE + "EndpointAddress", "ip", "nodeName");
    on(t, CORE + "EndpointPort", "port", "appProtocol");
    on(t, CORE + "ContainerStatus", "name", "ready", "restartCount", "image", "imageID", "started", "stopSignal");
    on(t, CORE + "ContainerStateTerminated", "exitCode");
    on(t, CORE + "PodCondition", "type", "status");
    on(t, CORE + "NodeCondition", "type", "status");
    on(t, CORE + "NamespaceCondition", "type", "status");
    on(t, CORE + "PersistentVolumeClaimCondition", "type", "status");
    on(t, CORE + "ReplicationControllerCondition", "type", "status");
    on(t, CORE + "PodIP", "ip");
    on(t, CORE + "HostIP", "ip");
    on(t, CORE + "NodeSystemInfo", "machineID", "systemUUID", "bootID", "kernelVersion", "osImage",
        "containerRuntimeVersion", "kubeletVersion", "kubeProxyVersion", "operatingSystem", "architecture");
    on(t, CORE + "DaemonEndpoint", "Port");
    on(t, CORE + "NodeAddress", "type", "address");
    on(t, CORE + "AttachedVolume", "name", "devicePath");
    on(t, CORE + "NodeRuntimeHandlerFeatures", "recursiveReadOnlyMounts", "userNamespaces");
    on(t, CORE + "NodeFeatures", "supplementalGroupsPolicy");
    on(t, CORE + "ReplicationControllerSpec", "replicas");
    on(t, CORE + "ReplicationControllerStatus", "replicas");
    on(t, CORE + "ScopedResourceSelectorRequirement", "scopeName", "operator");
    on(t, CORE + "LimitRangeItem", "type");
    on(t, CORE + "LinuxContainerUser", "uid", "gid");

    String apps = "k8s.io.api.apps.v1.";
    on(t, apps + "DeploymentSpec", "replicas", "revisionHistoryLimit", "progressDeadlineSeconds");
    on(t, apps + "DeploymentStatus", "collisionCount", "terminatingReplicas");
    on(t, apps + "ReplicaSetSpec", "replicas");
    on(t, apps + "ReplicaSetStatus", "replicas", "terminatingReplicas");
    on(t, apps + "StatefulSetSpec", "replicas", "revisionHistoryLimit", "serviceName");
    on(t, apps + "RollingUpdateStatefulSetStrategy", "partition");
    on(t, apps + "StatefulSetOrdinals", "start");
    on(t, apps + "StatefulSetStatus", "replicas", "availableReplicas", "collisionCount");
    on(t, apps + "DaemonSetSpec", "revisionHistoryLimit");
    on(t, apps + "DaemonSetStatus", "currentNumberScheduled", "numberMisscheduled", "desiredNumberScheduled",
        "numberReady", "collisionCount");
    on(t, apps + "ControllerRevision", "revision");
    for (String condition : new String[] {"Deployment", "ReplicaSet", "StatefulSet", "DaemonSet"}) {
      on(t, apps + condition + "Condition", "type", "status");
    }

    String batch = "k8s.io.api.batch.v1.";
    on(t, batch + "JobSpec", "parallelism", "completions", "activeDeadlineSeconds", "backoffLimit",
        "backoffLimitPerIndex", "maxFailedIndexes", "manualSelector", "ttlSecondsAfterFinished", "completionMode",
        "suspend", "podReplacementPolicy", "managedBy");
    on(t, batch + "JobStatus", "ready", "terminating", "failedIndexes");
    on(t, batch + "JobCondition", "type", "status");
    on(t, batch + "PodFailurePolicyRule", "action");
    on(t, batch + "PodFailurePolicyOnExitCodesRequirement", "containerName", "operator");
    on(t, batch + "PodFailurePolicyOnPodConditionsPattern", "type", "status");
    on(t, batch + "SuccessPolicyRule", "succeededIndexes", "succeededCount");
    on(t, batch + "CronJobSpec", "schedule", "timeZone", "startingDeadlineSeconds", "suspend",
        "successfulJobsHistoryLimit", "failedJobsHistoryLimit");

    String networking = "k8s.io.api.networking.v1.";
    on(t, networking + "IngressSpec", "ingressClassName");
    on(t, networking + "HTTPIngressPath", "pathType");
    on(t, networking + "IngressServiceBackend", "name");
    on(t, networking + "IngressPortStatus", "port", "protocol", "error");
    on(t, networking + "IngressClassParametersReference", "aPIGroup", "kind", "name", "scope", "namespace");
    on(t, networking + "NetworkPolicyPort", "protocol", "endPort");
    on(t, networking + "IPBlock", "cidr");

    String rbac = "k8s.io.api.rbac.v1.";
    on(t, rbac + "Subject", "kind", "name");
    on(t, rbac + "RoleRef", "apiGroup", "kind", "name");

    String policy = "k8s.io.api.policy.v1.";
    on(t, policy + "PodDisruptionBudgetSpec", "unhealthyPodEvictionPolicy");
    on(t, policy + "PodDisruptionBudgetStatus", "disruptionsAllowed", "currentHealthy", "desiredHealthy",
        "expectedPods");

    on(t, "k8s.io.api.authentication.v1.TokenRequestSpec", "expirationSeconds");
    on(t, "k8s.io.api.authentication.v1.TokenRequestStatus", "token");
    on(t, "k8s.io.api.authorization.v1.SubjectAccessReviewStatus", "allowed");
    on(t, "k8s.io.api.authorization.v1.SubjectRulesReviewStatus", "incomplete");

    String autoscaling = "k8s.io.api.autoscaling.v1.";
    on(t, autoscaling + "HorizontalPodAutoscalerSpec", "minReplicas", "maxReplicas", "targetCPUUtilizationPercentage");
    on(t, autoscaling + "HorizontalPodAutoscalerStatus", "observedGeneration", "currentReplicas", "desiredReplicas",
        "currentCPUUtilizationPercentage");
    on(t, autoscaling + "ScaleStatus", "replicas");
    on(t, autoscaling + "CrossVersionObjectReference", "kind", "name");
    String autoscaling2 = "k8s.io.api.autoscaling.v2.";
    on(t, autoscaling2 + "HorizontalPodAutoscalerSpec", "minReplicas", "maxReplicas");
    on(t, autoscaling2 + "HorizontalPodAutoscalerStatus", "observedGeneration", "desiredReplicas");
    on(t, autoscaling2 + "HPAScalingRules", "stabilizationWindowSeconds", "selectPolicy");
    on(t, autoscaling2 + "HPAScalingPolicy", "type", "value", "periodSeconds");
    on(t, autoscaling2 + "MetricTarget", "type", "averageUtilization");
    on(t, autoscaling2 + "MetricValueStatus", "averageUtilization");
    on(t, autoscaling2 + "CrossVersionObjectReference", "kind", "name");

    on(t, "k8s.io.api.scheduling.v1.PriorityClass", "value", "preemptionPolicy");
    on(t, "k8s.io.api.coordination.v1.LeaseSpec", "holderIdentity", "leaseDurationSeconds", "leaseTransitions",
        "strategy", "preferredHolder");

    String discovery = "k8s.io.api.discovery.v1.";
    on(t, discovery + "EndpointSlice", "addressType");
    on(t, discovery + "Endpoint", "hostname", "nodeName", "zone");
    on(t, discovery + "EndpointConditions", "ready", "serving", "terminating");
    on(t, discovery + "EndpointPort", "name", "protocol", "port", "appProtocol");
    on(t, "k8s.io.api.events.v1.EventSeries", "count");
    return Set.copyOf(t);
  }

  private static void on(Set<String> table, String message, String... fields) {
    for (String f : fields) {
      table.add(message + "." + f);
    }
  }

  /** True when Go's JSON writes {@code field} even when it holds its zero value. */
  static boolean keepsZero(FieldDescriptor field) {
    return FIELDS.contains(field.getContainingType().getFullName() + "." + field.getName());
  }

  /** Every entry as {@code <full message name>.<field>}, for the test that checks them against the descriptors. */
  static Set<String> entries() {
    return FIELDS;
  }
}
