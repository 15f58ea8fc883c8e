package io.capstan.runtime.scheduler.cache;

import io.capstan.spi.scheduler.HostPort;
import io.capstan.spi.scheduler.PodInfo;
import io.capstan.spi.scheduler.Resource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Computes what the framework needs from a pod once: its effective requests as Kubernetes'
 * {@code PodRequests} (app and sidecar containers summed, each regular init container's need at its
 * point in the sequence, plus {@code spec.overhead}), the same with the scheduler's non-zero
 * defaults (100m CPU, 200 MiB for containers that leave cpu or memory unset), and host ports.
 */
public final class PodInfos {

  /** Kubernetes' {@code DefaultMilliCPURequest}. */
  public static final long DEFAULT_MILLI_CPU_REQUEST = 100;
  /** Kubernetes' {@code DefaultMemoryRequest}: 200 MiB. */
  public static final long DEFAULT_MEMORY_REQUEST = 200L * 1024 * 1024;

  private PodInfos() {}

  public static PodInfo of(Pod pod) {
    return new PodInfo(pod, requests(pod, false), requests(pod, true));
  }

  static Resource requests(Pod pod, boolean nonZero) {
    var spec = pod.getSpec();
    if (spec == null) {
      return Resource.ZERO;
    }
    Resource sum = Resource.ZERO;
    for (Container c : nullSafe(spec.getContainers())) {
      sum = sum.plus(containerRequest(c, nonZero));
    }
    Resource sidecars = Resource.ZERO;
    Resource initMax = Resource.ZERO;
    for (Container c : nullSafe(spec.getInitContainers())) {
      Resource r = containerRequest(c, nonZero);
      if ("Always".equals(c.getRestartPolicy())) {
        sidecars = sidecars.plus(r);
        initMax = max(initMax, sidecars);
      } else {
        initMax = max(initMax, sidecars.plus(r));
      }
    }
    Resource total = max(sum.plus(sidecars), initMax);
    Map<String, Quantity> overhead = spec.getOverhead();
    if (overhead != null && !overhead.isEmpty()) {
      total = total.plus(Resource.fromResourceList(overhead));
    }
    return total;
  }

  private static Resource containerRequest(Container c, boolean nonZero) {
    Map<String, Quantity> requests = c.getResources() == null ? null : c.getResources().getRequests();
    Resource r = requests == null || requests.isEmpty() ? Resource.ZERO : Resource.fromResourceList(requests);
    if (!nonZero) {
      return r;
    }
    boolean hasCpu = requests != null && requests.containsKey("cpu");
    boolean hasMemory = requests != null && requests.containsKey("memory");
    if (hasCpu && hasMemory) {
      return r;
    }
    return new Resource(hasCpu ? r.milliCpu() : DEFAULT_MILLI_CPU_REQUEST, hasMemory ? r.memory() : DEFAULT_MEMORY_REQUEST,
        r.ephemeralStorage(), r.allowedPodNumber(), r.scalarResources());
  }

  private static Resource max(Resource a, Resource b) {
    java.util.TreeMap<String, Long> scalars = new java.util.TreeMap<>(a.scalarResources());
    b.scalarResources().forEach((k, v) -> scalars.merge(k, v, Math::max));
    return new Resource(Math.max(a.milliCpu(), b.milliCpu()), Math.max(a.memory(), b.memory()),
        Math.max(a.ephemeralStorage(), b.ephemeralStorage()), Math.max(a.allowedPodNumber(), b.allowedPodNumber()), scalars);
  }

  /** The host ports the pod's containers claim. */
  public static List<HostPort> hostPorts(Pod pod) {
    List<HostPort> out = new ArrayList<>();
    if (pod.getSpec() == null) {
      return out;
    }
    for (Container c : nullSafe(pod.getSpec().getContainers())) {
      for (ContainerPort port : nullSafe(c.getPorts())) {
        if (port.getHostPort() != null && port.getHostPort() > 0) {
          out.add(new HostPort(port.getHostIP() == null ? HostPort.ANY_IP : port.getHostIP(),
              port.getProtocol() == null ? "TCP" : port.getProtocol(), port.getHostPort()));
        }
      }
    }
    return out;
  }

  /** Whether the pod carries any pod affinity or anti-affinity term. */
  public static boolean hasAffinity(Pod pod) {
    var a = pod.getSpec() == null ? null : pod.getSpec().getAffinity();
    return a != null && (a.getPodAffinity() != null || a.getPodAntiAffinity() != null);
  }

  /** Whether the pod carries required anti-affinity terms. */
  public static boolean hasRequiredAntiAffinity(Pod pod) {
    var a = pod.getSpec() == null ? null : pod.getSpec().getAffinity();
    return a != null && a.getPodAntiAffinity() != null
        && a.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() != null
        && !a.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().isEmpty();
  }

  private static <T> List<T> nullSafe(List<T> list) {
    return list == null ? List.of() : list;
  }
}
