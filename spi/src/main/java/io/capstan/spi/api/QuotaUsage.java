package io.capstan.spi.api;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one object charges to a ResourceQuota, as Kubernetes' quota evaluators compute it
 * (pkg/quota/v1/evaluator/core, Kubernetes 1.32): the object counts ({@code pods},
 * {@code count/pods}, {@code count/deployments.apps}), and for pods the summed container requests
 * and limits ({@code requests.cpu}, {@code cpu}, {@code limits.memory}, {@code requests.<extended>}),
 * for claims the requested storage, for services the load balancers and node ports. Shared by the
 * ResourceQuota admission plugin (which charges it) and the resourcequota controller (which sums it
 * over a namespace). Stateless.
 */
public final class QuotaUsage {

  /** The core kinds Kubernetes also counts under a short name ({@code pods}, not only {@code count/pods}). */
  private static final Set<String> LEGACY_COUNTS = Set.of("pods", "services", "configmaps", "secrets",
      "replicationcontrollers", "resourcequotas", "persistentvolumeclaims");
  private static final Set<String> STANDARD = Set.of("cpu", "memory", "ephemeral-storage");
  private static final String STORAGE_CLASS_SUFFIX = ".storageclass.storage.k8s.io/";

  private QuotaUsage() {}

  /** {@code count/<resource>} for core kinds, {@code count/<resource>.<group>} otherwise. */
  public static String countName(String group, String resource) {
    return "count/" + resource + (group.isEmpty() ? "" : "." + group);
  }

  /**
   * The usage {@code object} (of the kind served as {@code group}/{@code resource}) adds to a quota
   * in its namespace, by quota resource name; empty when it charges nothing (a pod that has
   * finished).
   */
  public static Map<String, CanonicalQuantity> of(String group, String resource, HasMetadata object) {
    requireNonNull(group, "group");
    requireNonNull(resource, "resource");
    requireNonNull(object, "object");
    Map<String, CanonicalQuantity> usage = new TreeMap<>();
    if (object instanceof Pod pod && !isCounted(pod)) {
      return usage;
    }
    CanonicalQuantity one = Quantities.parse("1");
    usage.put(countName(group, resource), one);
    if (group.isEmpty() && LEGACY_COUNTS.contains(resource)) {
      usage.put(resource, one);
    }
    if (object instanceof Pod pod) {
      podUsage(pod, usage);
    } else if (object instanceof Service service) {
      serviceUsage(service, usage);
    } else if (object instanceof PersistentVolumeClaim claim) {
      claimUsage(claim, usage);
    }
    return usage;
  }

  /** Pods in a terminal phase no longer use quota (Kubernetes' {@code QuotaV1Pod}). */
  public static boolean isCounted(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return !"Succeeded".equals(phase) && !"Failed".equals(phase);
  }

  /**
   * The pod's effective requests ({@code requests == true}) or limits: the containers' sum, raised
   * to any init container's value that is larger, plus the pod overhead.
   */
  public static Map<String, CanonicalQuantity> podResources(Pod pod, boolean requests) {
    Map<String, CanonicalQuantity> sum = new TreeMap<>();
    if (pod.getSpec() == null) {
      return sum;
    }
    for (Container c : nonNull(pod.getSpec().getContainers())) {
      of(c.getResources(), requests).forEach((k, v) -> sum.merge(k, v, CanonicalQuantity::add));
    }
    for (Container c : nonNull(pod.getSpec().getInitContainers())) {
      of(c.getResources(), requests).forEach((k, v) -> sum.merge(k, v, (a, b) -> a.compareTo(b) >= 0 ? a : b));
    }
    if (pod.getSpec().getOverhead() != null) {
      pod.getSpec().getOverhead().forEach((k, v) -> sum.merge(k, Quantities.parse(v), CanonicalQuantity::add));
    }
    return sum;
  }

  /** A container's requests or limits, parsed. */
  public static Map<String, CanonicalQuantity> of(ResourceRequirements resources, boolean requests) {
    Map<String, CanonicalQuantity> out = new TreeMap<>();
    if (resources == null) {
      return out;
    }
    Map<String, Quantity> list = requests ? resources.getRequests() : resources.getLimits();
    if (list != null) {
      list.forEach((k, v) -> out.put(k, Quantities.parse(v)));
    }
    return out;
  }

  private static void podUsage(Pod pod, Map<String, CanonicalQuantity> usage) {
    podResources(pod, true).forEach((name, value) -> {
      if (STANDARD.contains(name)) {
        usage.put("requests." + name, value);
        usage.put(name, value);
      } else {
        usage.put("requests." + name, value); // hugepages-2Mi, extended resources
      }
    });
    podResources(pod, false).forEach((name, value) -> {
      if (STANDARD.contains(name) || name.startsWith("hugepages-")) {
        usage.put("limits." + name, value);
      }
    });
  }

  private static void serviceUsage(Service service, Map<String, CanonicalQuantity> usage) {
    String type = service.getSpec() == null || service.getSpec().getType() == null ? "ClusterIP" : service.getSpec().getType();
    if (type.equals("LoadBalancer")) {
      usage.put("services.loadbalancers", Quantities.parse("1"));
    }
    if (type.equals("LoadBalancer") || type.equals("NodePort")) {
      int ports = service.getSpec().getPorts() == null ? 0 : service.getSpec().getPorts().size();
      usage.put("services.nodeports", Quantities.parse(Integer.toString(ports)));
    }
  }

  private static void claimUsage(PersistentVolumeClaim claim, Map<String, CanonicalQuantity> usage) {
    String storageClass = claim.getSpec() == null ? null : claim.getSpec().getStorageClassName();
    if (storageClass != null && !storageClass.isEmpty()) {
      usage.put(storageClass + STORAGE_CLASS_SUFFIX + "persistentvolumeclaims", Quantities.parse("1"));
    }
    Quantity requested = claim.getSpec() == null || claim.getSpec().getResources() == null
        || claim.getSpec().getResources().getRequests() == null ? null
        : claim.getSpec().getResources().getRequests().get("storage");
    if (requested != null) {
      CanonicalQuantity storage = Quantities.parse(requested);
      usage.put("requests.storage", storage);
      if (storageClass != null && !storageClass.isEmpty()) {
        usage.put(storageClass + STORAGE_CLASS_SUFFIX + "requests.storage", storage);
      }
    }
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }
}
