package io.capstan.spi.scheduler;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A pod's effective resource request as Kubernetes' scheduler computes it ({@code
 * component-helpers/resource.PodRequests}), shared by the framework's cache and the plugins so both
 * count the same way.
 *
 * <p>The request is {@code max(Σ app containers + Σ restartable init (sidecar) containers, each
 * regular init container's request + the sidecars started before it)} per resource, plus {@code
 * spec.overhead}. Pod-level {@code spec.resources.requests} (PodLevelResources), when set, replace
 * the container sum for the resources they name. {@code allowedPodNumber} is always 0.
 *
 * <p>The non-zero variant applies Kubernetes' scoring defaults ({@value #DEFAULT_MILLI_CPU_REQUEST}m
 * CPU, 200 MiB memory) to each container that leaves {@code cpu} or {@code memory} <em>absent</em>;
 * an explicit {@code 0} stays 0, and a pod without containers requests nothing.
 */
public final class PodRequests {

  /** Kubernetes' {@code DefaultMilliCPURequest}. */
  public static final long DEFAULT_MILLI_CPU_REQUEST = 100;
  /** Kubernetes' {@code DefaultMemoryRequest}: 200 MiB (the Go comment says MB). */
  public static final long DEFAULT_MEMORY_REQUEST = 200L * 1024 * 1024;

  private PodRequests() {}

  /** The pod's actual effective request, no defaults. */
  public static Resource requests(Pod pod) {
    return compute(pod, false);
  }

  /** The effective request with the 100m/200Mi defaults for absent cpu/memory. */
  public static Resource nonZeroRequests(Pod pod) {
    return compute(pod, true);
  }

  /** A {@link PodInfo} with both requests computed. */
  public static PodInfo podInfo(Pod pod) {
    return new PodInfo(pod, requests(pod), nonZeroRequests(pod));
  }

  private static Resource compute(Pod pod, boolean nonZero) {
    requireNonNull(pod, "pod");
    PodSpec spec = pod.getSpec();
    if (spec == null) {
      return Resource.ZERO;
    }
    Resource apps = Resource.ZERO;
    for (Container c : list(spec.getContainers())) {
      apps = apps.plus(containerRequest(c, nonZero));
    }
    Resource sidecars = Resource.ZERO;
    Resource initMax = Resource.ZERO;
    for (Container c : list(spec.getInitContainers())) {
      Resource r = containerRequest(c, nonZero);
      if ("Always".equals(c.getRestartPolicy())) {
        sidecars = sidecars.plus(r);
        initMax = max(initMax, sidecars);
      } else {
        initMax = max(initMax, sidecars.plus(r));
      }
    }
    Resource result = max(apps.plus(sidecars), initMax);
    result = applyPodLevel(spec, result, nonZero);
    if (spec.getOverhead() != null && !spec.getOverhead().isEmpty()) {
      result = result.plus(Resource.fromResourceList(spec.getOverhead()));
    }
    return result;
  }

  private static Resource applyPodLevel(PodSpec spec, Resource containers, boolean nonZero) {
    ResourceRequirements podLevel = spec.getResources();
    if (podLevel == null || podLevel.getRequests() == null || podLevel.getRequests().isEmpty()) {
      return containers;
    }
    Map<String, Quantity> requests = podLevel.getRequests();
    Resource set = Resource.fromResourceList(requests);
    Map<String, Long> scalars = new TreeMap<>(containers.scalarResources());
    scalars.putAll(set.scalarResources());
    return new Resource(
        requests.containsKey("cpu") ? set.milliCpu() : containers.milliCpu(),
        requests.containsKey("memory") ? set.memory() : containers.memory(),
        requests.containsKey("ephemeral-storage") ? set.ephemeralStorage()
            : containers.ephemeralStorage(),
        0, scalars);
  }

  private static Resource containerRequest(Container c, boolean nonZero) {
    Map<String, Quantity> requests = c.getResources() == null || c.getResources().getRequests() == null
        ? Map.of() : c.getResources().getRequests();
    Resource r = Resource.fromResourceList(withoutPods(requests));
    if (!nonZero) {
      return r;
    }
    return new Resource(
        requests.containsKey("cpu") ? r.milliCpu() : DEFAULT_MILLI_CPU_REQUEST,
        requests.containsKey("memory") ? r.memory() : DEFAULT_MEMORY_REQUEST,
        r.ephemeralStorage(), 0, r.scalarResources());
  }

  private static Map<String, Quantity> withoutPods(Map<String, Quantity> requests) {
    if (!requests.containsKey("pods")) {
      return requests;
    }
    Map<String, Quantity> copy = new HashMap<>(requests);
    copy.remove("pods");
    return copy;
  }

  private static Resource max(Resource a, Resource b) {
    Map<String, Long> scalars = new TreeMap<>(a.scalarResources());
    b.scalarResources().forEach((k, v) -> scalars.merge(k, v, Math::max));
    return new Resource(Math.max(a.milliCpu(), b.milliCpu()), Math.max(a.memory(), b.memory()),
        Math.max(a.ephemeralStorage(), b.ephemeralStorage()),
        Math.max(a.allowedPodNumber(), b.allowedPodNumber()), scalars);
  }

  private static <T> List<T> list(List<T> maybe) {
    return maybe == null ? List.of() : maybe;
  }
}
