package io.capstan.plugins.controllers.endpoints;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The subsets of a Service's Endpoints, packed as Kubernetes' endpoint controller packs them: pods
 * whose resolved ports are the same share one subset; addresses sorted by IP.
 */
final class EndpointSubsets {

  private EndpointSubsets() {}

  static List<EndpointSubset> of(Service service, List<Pod> pods) {
    boolean publishNotReady = Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
    Map<List<EndpointPort>, List<EndpointAddress>[]> groups = new LinkedHashMap<>();
    for (Pod pod : pods) {
      if (!eligible(pod)) {
        continue;
      }
      List<EndpointPort> ports = new ArrayList<>();
      for (ServicePort sp : service.getSpec().getPorts() == null ? List.<ServicePort>of() : service.getSpec().getPorts()) {
        resolve(sp, pod).ifPresent(port -> ports.add(new EndpointPortBuilder().withName(sp.getName()).withPort(port)
            .withProtocol(sp.getProtocol() == null ? "TCP" : sp.getProtocol()).withAppProtocol(sp.getAppProtocol()).build()));
      }
      if (ports.isEmpty() && service.getSpec().getPorts() != null && !service.getSpec().getPorts().isEmpty()) {
        continue; // no named port resolved in this pod
      }
      ports.sort(Comparator.comparing((EndpointPort p) -> p.getName() == null ? "" : p.getName()).thenComparing(EndpointPort::getPort));
      @SuppressWarnings("unchecked")
      List<EndpointAddress>[] lists = groups.computeIfAbsent(ports, k -> new List[] {new ArrayList<>(), new ArrayList<>()});
      boolean ready = publishNotReady || ready(pod);
      lists[ready ? 0 : 1].add(address(service, pod));
    }
    List<EndpointSubset> subsets = new ArrayList<>();
    groups.forEach((ports, lists) -> {
      EndpointSubset subset = new EndpointSubset();
      lists[0].sort(Comparator.comparing(EndpointAddress::getIp));
      lists[1].sort(Comparator.comparing(EndpointAddress::getIp));
      subset.setAddresses(lists[0]);
      subset.setNotReadyAddresses(lists[1]);
      subset.setPorts(ports);
      subsets.add(subset);
    });
    subsets.sort(Comparator.comparing(s -> s.getPorts().toString()));
    return subsets;
  }

  /** A pod with an IP that is neither finished nor being deleted. */
  static boolean eligible(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getPodIP() == null || pod.getStatus().getPodIP().isEmpty()) {
      return false;
    }
    String phase = pod.getStatus().getPhase();
    return pod.getMetadata().getDeletionTimestamp() == null && !"Succeeded".equals(phase) && !"Failed".equals(phase);
  }

  static boolean ready(Pod pod) {
    return pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static EndpointAddress address(Service service, Pod pod) {
    EndpointAddressBuilder b = new EndpointAddressBuilder().withIp(pod.getStatus().getPodIP())
        .withNodeName(pod.getSpec().getNodeName())
        .withNewTargetRef().withKind("Pod").withNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid()).endTargetRef();
    if (pod.getSpec().getHostname() != null && service.getMetadata().getName().equals(pod.getSpec().getSubdomain())) {
      b.withHostname(pod.getSpec().getHostname());
    }
    return b.build();
  }

  /** The pod's port for a service port: the number, or the named container port (FindPort). */
  static Optional<Integer> resolve(ServicePort sp, Pod pod) {
    return io.capstan.plugins.controllers.shared.ServiceSelection.findPort(sp, pod);
  }
}
