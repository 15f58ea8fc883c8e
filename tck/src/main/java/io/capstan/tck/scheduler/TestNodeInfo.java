package io.capstan.tck.scheduler;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.scheduler.HostPort;
import io.capstan.spi.scheduler.ImageState;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.PodInfo;
import io.capstan.spi.scheduler.Resource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link NodeInfo} for scheduler plugin tests: a node and the pods on it, with requested
 * resources and host ports summed from the pods' containers. Immutable; plugin authors build one
 * per test with {@link #of(Node, Pod...)}.
 */
public record TestNodeInfo(Node node, List<PodInfo> pods, Resource requested, Resource allocatable,
    Set<HostPort> usedPorts, Map<String, ImageState> imageStates) implements NodeInfo {

  public TestNodeInfo {
    requireNonNull(node, "node");
    pods = List.copyOf(pods);
    requireNonNull(requested, "requested");
    requireNonNull(allocatable, "allocatable");
    usedPorts = Set.copyOf(usedPorts);
    imageStates = Map.copyOf(imageStates);
  }

  /** The node with these pods on it. */
  public static TestNodeInfo of(Node node, Pod... pods) {
    List<PodInfo> infos = new ArrayList<>();
    Resource requested = Resource.ZERO;
    Set<HostPort> ports = new LinkedHashSet<>();
    for (Pod pod : pods) {
      Resource requests = Resource.ZERO;
      for (Container c : pod.getSpec().getContainers()) {
        if (c.getResources() != null && c.getResources().getRequests() != null) {
          requests = requests.plus(Resource.fromResourceList(c.getResources().getRequests()));
        }
        for (ContainerPort port : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
          if (port.getHostPort() != null && port.getHostPort() > 0) {
            String ip = port.getHostIP() == null ? HostPort.ANY_IP : port.getHostIP();
            String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
            ports.add(new HostPort(ip, protocol, port.getHostPort()));
          }
        }
      }
      infos.add(new PodInfo(pod, requests, requests));
      requested = requested.plus(requests);
    }
    Map<String, io.fabric8.kubernetes.api.model.Quantity> capacity = node.getStatus() == null || node.getStatus().getAllocatable() == null
        ? Map.of() : node.getStatus().getAllocatable();
    return new TestNodeInfo(node, infos, requested, Resource.fromResourceList(capacity), ports, Map.of());
  }

  @Override
  public List<PodInfo> podsWithAffinity() {
    return pods.stream().filter(p -> p.pod().getSpec().getAffinity() != null).toList();
  }

  @Override
  public List<PodInfo> podsWithRequiredAntiAffinity() {
    return pods.stream()
        .filter(p -> p.pod().getSpec().getAffinity() != null && p.pod().getSpec().getAffinity().getPodAntiAffinity() != null
            && p.pod().getSpec().getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() != null
            && !p.pod().getSpec().getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().isEmpty())
        .toList();
  }

  @Override
  public Resource nonZeroRequested() {
    return requested;
  }

  @Override
  public long generation() {
    return 1;
  }
}
