package io.capstan.tck.scheduler;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.scheduler.HostPort;
import io.capstan.spi.scheduler.ImageState;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.PodInfo;
import io.capstan.spi.scheduler.PodRequests;
import io.capstan.spi.scheduler.Resource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link NodeInfo} for scheduler plugin tests: a node and the pods on it, with requests counted as
 * the framework counts them ({@link PodRequests}: init containers, sidecars, overhead; the non-zero
 * variant with 100m/200Mi defaults), host ports and images. Immutable; build one with {@link
 * #of(Node, Pod...)} or, for image spread across nodes, through {@link TestSnapshot}.
 */
public record TestNodeInfo(Node node, List<PodInfo> pods, Resource requested,
    Resource nonZeroRequested, Resource allocatable, Set<HostPort> usedPorts,
    Map<String, ImageState> imageStates, long generation) implements NodeInfo {

  private static final AtomicLong GENERATIONS = new AtomicLong();

  public TestNodeInfo {
    requireNonNull(node, "node");
    pods = List.copyOf(pods);
    requireNonNull(requested, "requested");
    requireNonNull(nonZeroRequested, "nonZeroRequested");
    requireNonNull(allocatable, "allocatable");
    usedPorts = Set.copyOf(usedPorts);
    imageStates = Map.copyOf(imageStates);
  }

  /** The original shape (non-zero requested = requested), kept for existing callers. */
  public TestNodeInfo(Node node, List<PodInfo> pods, Resource requested, Resource allocatable,
      Set<HostPort> usedPorts, Map<String, ImageState> imageStates) {
    this(node, pods, requested, requested, allocatable, usedPorts, imageStates,
        GENERATIONS.incrementAndGet());
  }

  /** The node with these pods on it; its images count as present on this node only. */
  public static TestNodeInfo of(Node node, Pod... pods) {
    return of(node, List.of(pods), imageNames(node).stream()
        .collect(java.util.stream.Collectors.toMap(n -> n, n -> 1, (a, b) -> a)));
  }

  /** The node with these pods, its images spread over {@code imageSpread.get(name)} nodes. */
  static TestNodeInfo of(Node node, List<Pod> pods, Map<String, Integer> imageSpread) {
    List<PodInfo> infos = new ArrayList<>();
    for (Pod pod : pods) {
      infos.add(PodRequests.podInfo(pod));
    }
    return fromPodInfos(node, infos, imageStates(node, imageSpread));
  }

  /** A node info over already computed pod infos (used to add or remove pods). */
  public static TestNodeInfo fromPodInfos(Node node, List<PodInfo> infos,
      Map<String, ImageState> imageStates) {
    Resource requested = Resource.ZERO;
    Resource nonZero = Resource.ZERO;
    Set<HostPort> ports = new LinkedHashSet<>();
    for (PodInfo info : infos) {
      requested = requested.plus(info.requests());
      nonZero = nonZero.plus(info.nonZeroRequests());
      ports.addAll(hostPorts(info.pod()));
    }
    requested = withPods(requested, infos.size());
    nonZero = withPods(nonZero, infos.size());
    Map<String, Quantity> alloc = node.getStatus() == null || node.getStatus().getAllocatable() == null
        ? Map.of() : node.getStatus().getAllocatable();
    return new TestNodeInfo(node, infos, requested, nonZero, Resource.fromResourceList(alloc),
        ports, imageStates, GENERATIONS.incrementAndGet());
  }

  /** This node with one more pod. */
  public TestNodeInfo withPod(Pod pod) {
    List<PodInfo> more = new ArrayList<>(pods);
    more.add(PodRequests.podInfo(pod));
    return fromPodInfos(node, more, imageStates);
  }

  private static Resource withPods(Resource r, int count) {
    return new Resource(r.milliCpu(), r.memory(), r.ephemeralStorage(), count, r.scalarResources());
  }

  static List<String> imageNames(Node node) {
    List<String> names = new ArrayList<>();
    if (node.getStatus() != null && node.getStatus().getImages() != null) {
      for (ContainerImage image : node.getStatus().getImages()) {
        if (image.getNames() != null) {
          names.addAll(image.getNames());
        }
      }
    }
    return names;
  }

  private static Map<String, ImageState> imageStates(Node node, Map<String, Integer> spread) {
    Map<String, ImageState> states = new HashMap<>();
    if (node.getStatus() != null && node.getStatus().getImages() != null) {
      for (ContainerImage image : node.getStatus().getImages()) {
        long size = image.getSizeBytes() == null ? 0 : image.getSizeBytes();
        for (String name : image.getNames() == null ? List.<String>of() : image.getNames()) {
          states.put(name, new ImageState(size, spread.getOrDefault(name, 1)));
        }
      }
    }
    return states;
  }

  /** The host ports of a pod's containers, as the framework tracks them per node. */
  public static List<HostPort> hostPorts(Pod pod) {
    List<HostPort> ports = new ArrayList<>();
    if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
      return ports;
    }
    for (Container c : pod.getSpec().getContainers()) {
      for (ContainerPort port : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
        if (port.getHostPort() != null && port.getHostPort() > 0) {
          ports.add(new HostPort(port.getHostIP() == null ? "" : port.getHostIP(),
              port.getProtocol() == null ? "" : port.getProtocol(), port.getHostPort()));
        }
      }
    }
    return ports;
  }

  @Override
  public List<PodInfo> podsWithAffinity() {
    return pods.stream().filter(p -> p.pod().getSpec().getAffinity() != null
        && (p.pod().getSpec().getAffinity().getPodAffinity() != null
            || p.pod().getSpec().getAffinity().getPodAntiAffinity() != null)).toList();
  }

  @Override
  public List<PodInfo> podsWithRequiredAntiAffinity() {
    return pods.stream()
        .filter(p -> p.pod().getSpec().getAffinity() != null && p.pod().getSpec().getAffinity().getPodAntiAffinity() != null
            && p.pod().getSpec().getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() != null
            && !p.pod().getSpec().getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().isEmpty())
        .toList();
  }
}
