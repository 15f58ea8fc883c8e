package io.capstan.runtime.apiserver.table;

import java.util.Map;

/**
 * Kubernetes' printers for the built-in kinds, by {@code group/version/Kind} (the handlers that
 * pkg/printers/internalversion/printers.go registers in {@code AddHandlers}). Built-in kinds
 * missing here (roles, cluster roles, limit ranges, CRDs) have no printer in Kubernetes either and
 * get {@link DefaultPrinters#createdAt()}. Stateless.
 */
final class BuiltInPrinters {

  private static final String APPS = "apps/v1/";

  private BuiltInPrinters() {}

  /** The printers, keyed {@code group/version/Kind} ({@code /v1/Pod}, {@code apps/v1/Deployment}). */
  static Map<String, KindPrinter> all() {
    return Map.ofEntries(
        Map.entry("/v1/Pod", PodPrinter.printer()),
        Map.entry("/v1/Node", NodePrinter.printer()),
        Map.entry("/v1/Namespace", CorePrinters.namespace()),
        Map.entry("/v1/Service", ServicePrinters.service()),
        Map.entry("/v1/Endpoints", ServicePrinters.endpoints()),
        Map.entry("/v1/ConfigMap", CorePrinters.configMap()),
        Map.entry("/v1/Secret", CorePrinters.secret()),
        Map.entry("/v1/ServiceAccount", CorePrinters.serviceAccount()),
        Map.entry("/v1/ResourceQuota", CorePrinters.resourceQuota()),
        Map.entry("/v1/Event", EventPrinter.core()),
        Map.entry("/v1/PersistentVolumeClaim", StoragePrinters.persistentVolumeClaim()),
        Map.entry("/v1/PersistentVolume", StoragePrinters.persistentVolume()),
        Map.entry("/v1/ReplicationController", WorkloadPrinters.replicationController()),
        Map.entry("/v1/PodTemplate", WorkloadPrinters.podTemplate()),
        Map.entry(APPS + "Deployment", WorkloadPrinters.deployment()),
        Map.entry(APPS + "ReplicaSet", WorkloadPrinters.replicaSet()),
        Map.entry(APPS + "StatefulSet", WorkloadPrinters.statefulSet()),
        Map.entry(APPS + "DaemonSet", WorkloadPrinters.daemonSet()),
        Map.entry(APPS + "ControllerRevision", WorkloadPrinters.controllerRevision()),
        Map.entry("batch/v1/Job", BatchPrinters.job()),
        Map.entry("batch/v1/CronJob", BatchPrinters.cronJob()),
        Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HpaPrinter.printer()),
        Map.entry("networking.k8s.io/v1/Ingress", NetworkingPrinters.ingress()),
        Map.entry("networking.k8s.io/v1/IngressClass", NetworkingPrinters.ingressClass()),
        Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkingPrinters.networkPolicy()),
        Map.entry("discovery.k8s.io/v1/EndpointSlice", NetworkingPrinters.endpointSlice()),
        Map.entry("events.k8s.io/v1/Event", EventPrinter.eventsV1()),
        Map.entry("coordination.k8s.io/v1/Lease", PolicyPrinters.lease()),
        Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", PolicyPrinters.roleBinding()),
        Map.entry("rbac.authorization.k8s.io/v1/ClusterRoleBinding", PolicyPrinters.clusterRoleBinding()),
        Map.entry("scheduling.k8s.io/v1/PriorityClass", PolicyPrinters.priorityClass()),
        Map.entry("policy/v1/PodDisruptionBudget", PolicyPrinters.podDisruptionBudget()));
  }
}
