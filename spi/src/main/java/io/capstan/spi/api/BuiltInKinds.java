package io.capstan.spi.api;

import static io.capstan.spi.api.ResourceKind.of;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplate;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes kinds Capstan serves out of the box, with kubectl's plurals, scopes, short
 * names, categories, subresources and verbs (as Kubernetes 1.32's discovery lists them), held by
 * fabric8's model classes.
 *
 * <p>{@link #SUBRESOURCE_TYPES} lists the types that travel on the API but are not listable
 * resources: {@code Binding} (body of {@code pods/binding}), {@code Scale} (body of
 * {@code <workload>/scale}) and {@code Status} (error and delete responses). They are not in
 * {@link #all()} and have no REST collection. Stateless.
 */
public final class BuiltInKinds {

  private static final String APPS = "apps";
  private static final String RBAC = "rbac.authorization.k8s.io";
  private static final String NETWORKING = "networking.k8s.io";
  private static final String ADMISSION_REGISTRATION = "admissionregistration.k8s.io";

  /** Subresource and response types by kind: not listable, so not in {@link #all()}. */
  public static final Map<String, Class<? extends KubernetesResource>> SUBRESOURCE_TYPES =
      Map.of("Binding", Binding.class, "Scale", Scale.class, "Status", Status.class);

  private static final String ALL_CATEGORY = "all";
  private static final String STATUS = "status";
  private static final String SCALE = "scale";

  // Categories, subresources and verbs as Kubernetes 1.32 serves them in discovery
  // (kubernetes/kubernetes api/discovery/api__v1.json, apis__apps__v1.json, aggregated_v2.json).
  // Subresources Capstan does not serve (exec, attach, portforward, proxy, ephemeralcontainers,
  // serviceaccounts/token) are left out so that discovery never promises what the server refuses.
  private static final List<ResourceKind> ALL = List.of(
      of("", "v1", "Namespace", "namespaces", false, Namespace.class, "ns")
          .withVerbs("create", "delete", "get", "list", "patch", "update", "watch")
          .withSubresources("finalize", STATUS),
      of("", "v1", "Pod", "pods", true, Pod.class, "po").withCategories(ALL_CATEGORY)
          .withSubresources("binding", "eviction", "log", STATUS),
      of("", "v1", "PodTemplate", "podtemplates", true, PodTemplate.class),
      of("", "v1", "Node", "nodes", false, Node.class, "no").withSubresources(STATUS),
      of("", "v1", "Service", "services", true, Service.class, "svc").withCategories(ALL_CATEGORY)
          .withSubresources(STATUS),
      of("", "v1", "Endpoints", "endpoints", true, Endpoints.class, "ep"),
      of("", "v1", "ReplicationController", "replicationcontrollers", true, ReplicationController.class, "rc")
          .withCategories(ALL_CATEGORY).withSubresources(SCALE, STATUS),
      of("", "v1", "Event", "events", true, Event.class, "ev"),
      of("", "v1", "ServiceAccount", "serviceaccounts", true, ServiceAccount.class, "sa"),
      of("", "v1", "ConfigMap", "configmaps", true, ConfigMap.class, "cm"),
      of("", "v1", "Secret", "secrets", true, Secret.class),
      of("", "v1", "ResourceQuota", "resourcequotas", true, ResourceQuota.class, "quota").withSubresources(STATUS),
      of("", "v1", "LimitRange", "limitranges", true, LimitRange.class, "limits"),
      of("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true, PersistentVolumeClaim.class, "pvc")
          .withSubresources(STATUS),
      of("", "v1", "PersistentVolume", "persistentvolumes", false, PersistentVolume.class, "pv")
          .withSubresources(STATUS),
      of(APPS, "v1", "Deployment", "deployments", true, Deployment.class, "deploy").withCategories(ALL_CATEGORY)
          .withSubresources(SCALE, STATUS),
      of(APPS, "v1", "ReplicaSet", "replicasets", true, ReplicaSet.class, "rs").withCategories(ALL_CATEGORY)
          .withSubresources(SCALE, STATUS),
      of(APPS, "v1", "StatefulSet", "statefulsets", true, StatefulSet.class, "sts").withCategories(ALL_CATEGORY)
          .withSubresources(SCALE, STATUS),
      of(APPS, "v1", "DaemonSet", "daemonsets", true, DaemonSet.class, "ds").withCategories(ALL_CATEGORY)
          .withSubresources(STATUS),
      of(APPS, "v1", "ControllerRevision", "controllerrevisions", true, ControllerRevision.class),
      of("batch", "v1", "Job", "jobs", true, Job.class).withCategories(ALL_CATEGORY).withSubresources(STATUS),
      of("batch", "v1", "CronJob", "cronjobs", true, CronJob.class, "cj").withCategories(ALL_CATEGORY)
          .withSubresources(STATUS),
      of("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true,
          HorizontalPodAutoscaler.class, "hpa").withCategories(ALL_CATEGORY).withSubresources(STATUS),
      of(NETWORKING, "v1", "Ingress", "ingresses", true, Ingress.class, "ing").withSubresources(STATUS),
      of(NETWORKING, "v1", "IngressClass", "ingressclasses", false, IngressClass.class),
      of(NETWORKING, "v1", "NetworkPolicy", "networkpolicies", true, NetworkPolicy.class, "netpol"),
      of("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true, EndpointSlice.class),
      of("coordination.k8s.io", "v1", "Lease", "leases", true, Lease.class),
      of("events.k8s.io", "v1", "Event", "events", true, io.fabric8.kubernetes.api.model.events.v1.Event.class, "ev"),
      of(RBAC, "v1", "Role", "roles", true, Role.class),
      of(RBAC, "v1", "ClusterRole", "clusterroles", false, ClusterRole.class),
      of(RBAC, "v1", "RoleBinding", "rolebindings", true, RoleBinding.class),
      of(RBAC, "v1", "ClusterRoleBinding", "clusterrolebindings", false, ClusterRoleBinding.class),
      of("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, PodDisruptionBudget.class, "pdb")
          .withSubresources(STATUS),
      of("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", false, PriorityClass.class, "pc"),
      of(ADMISSION_REGISTRATION, "v1", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", false,
          ValidatingWebhookConfiguration.class).withCategories("api-extensions"),
      of(ADMISSION_REGISTRATION, "v1", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", false,
          MutatingWebhookConfiguration.class).withCategories("api-extensions"),
      of("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false,
          CustomResourceDefinition.class, "crd", "crds").withCategories("api-extensions").withSubresources(STATUS));

  private BuiltInKinds() {}

  /** Every built-in listable kind. */
  public static List<ResourceKind> all() {
    return ALL;
  }

  /** The built-in kinds as a provider, the one the kernel always binds. */
  public static ResourceKindProvider provider() {
    return BuiltInKinds::all;
  }
}
