package io.capstan.plugins.controllers.endpointslice;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The endpoints a Service should have, as Kubernetes' EndpointSlice controller computes them: every
 * selected pod with an IP that has not finished ({@code ShouldPodBeInEndpoints} with terminating
 * pods included), grouped by address type and the ports resolved for that pod (named target ports
 * are looked up per pod), sorted by IP. Conditions: {@code serving} = the pod is Ready,
 * {@code terminating} = it has a deletionTimestamp, {@code ready} = serving and not terminating;
 * {@code publishNotReadyAddresses} makes every endpoint ready and serving. Each endpoint carries
 * the pod as targetRef, its node and the node's {@code topology.kubernetes.io/zone}, and the pod's
 * hostname when its subdomain is the Service's name.
 */
final class DesiredEndpoints {

  static final String ZONE_LABEL = "topology.kubernetes.io/zone";

  /** One group: the slices of one address type and port list. */
  record Group(String addressType, List<EndpointPort> ports) {}

  private DesiredEndpoints() {}

  static Map<Group, List<Endpoint>> of(Service service, List<Pod> pods, Function<String, Optional<Node>> nodes) {
    boolean publishNotReady = Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
    List<ServicePort> servicePorts = service.getSpec().getPorts() == null ? List.of() : service.getSpec().getPorts();
    Map<Group, List<Endpoint>> groups = new LinkedHashMap<>();
    for (Pod pod : pods) {
      if (!eligible(pod)) {
        continue;
      }
      List<EndpointPort> ports = new ArrayList<>();
      for (ServicePort sp : servicePorts) {
        resolve(sp, pod).ifPresent(port -> ports.add(new EndpointPortBuilder().withName(sp.getName() == null ? "" : sp.getName())
            .withPort(port).withProtocol(sp.getProtocol() == null ? "TCP" : sp.getProtocol())
            .withAppProtocol(sp.getAppProtocol()).build()));
      }
      ports.sort(Comparator.comparing((EndpointPort p) -> p.getName()).thenComparing(EndpointPort::getPort));
      String ip = pod.getStatus().getPodIP();
      String addressType = ip.contains(":") ? "IPv6" : "IPv4";
      groups.computeIfAbsent(new Group(addressType, ports), g -> new ArrayList<>())
          .add(endpoint(service, pod, publishNotReady, nodes));
    }
    groups.values().forEach(list -> list.sort(Comparator.comparing(e -> e.getAddresses().get(0))));
    return groups;
  }

  private static Endpoint endpoint(Service service, Pod pod, boolean publishNotReady, Function<String, Optional<Node>> nodes) {
    boolean terminating = pod.getMetadata().getDeletionTimestamp() != null;
    boolean serving = publishNotReady || ready(pod);
    boolean readyNow = publishNotReady || (serving && !terminating);
    String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    EndpointBuilder b = new EndpointBuilder().withAddresses(pod.getStatus().getPodIP())
        .withNewConditions().withReady(readyNow).withServing(serving).withTerminating(terminating).endConditions()
        .withNodeName(nodeName)
        .withNewTargetRef().withKind("Pod").withNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid()).endTargetRef();
    if (nodeName != null) {
      nodes.apply(nodeName).map(n -> n.getMetadata().getLabels()).map(l -> l.get(ZONE_LABEL)).ifPresent(b::withZone);
    }
    if (pod.getSpec() != null && pod.getSpec().getHostname() != null
        && service.getMetadata().getName().equals(pod.getSpec().getSubdomain())) {
      b.withHostname(pod.getSpec().getHostname());
    }
    return b.build();
  }

  /** A pod with an IP that has not finished; terminating pods stay (with the terminating condition). */
  static boolean eligible(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getPodIP() == null || pod.getStatus().getPodIP().isEmpty()) {
      return false;
    }
    String phase = pod.getStatus().getPhase();
    return !"Succeeded".equals(phase) && !"Failed".equals(phase);
  }

  static boolean ready(Pod pod) {
    return pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** The pod's port for a service port: the number, or the named container port (FindPort). */
  static Optional<Integer> resolve(ServicePort sp, Pod pod) {
    return io.capstan.plugins.controllers.shared.ServiceSelection.findPort(sp, pod);
  }
}
