package io.capstan.plugins.controllers.shared;

import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.client.Lister;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How Services select pods, shared by the Endpoints and EndpointSlice controllers: which Services
 * a pod's labels match (Kubernetes' {@code GetPodServices}), the label index both keep on pods, and
 * a Service port's target on a pod ({@code FindPort}).
 */
public final class ServiceSelection {

  private ServiceSelection() {}

  /** The Services of the pod's namespace whose non-empty selector its labels match. */
  public static Set<ObjectKey> servicesSelecting(Lister<Service> services, Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    if (labels == null) {
      return Set.of();
    }
    Set<ObjectKey> keys = new HashSet<>();
    for (Service service : services.list(pod.getMetadata().getNamespace())) {
      Map<String, String> selector = service.getSpec() == null ? null : service.getSpec().getSelector();
      if (selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet())) {
        keys.add(ObjectKey.of(service));
      }
    }
    return keys;
  }

  /** Index values {@code namespace/key=value}, one per label of the pod. */
  public static List<String> labelIndex(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    if (labels == null) {
      return List.of();
    }
    String namespace = pod.getMetadata().getNamespace();
    List<String> out = new ArrayList<>(labels.size());
    labels.forEach((k, v) -> out.add(namespace + "/" + k + "=" + v));
    return out;
  }

  /** The pod's port for a service port: the number, or the named container port (FindPort). */
  public static Optional<Integer> findPort(ServicePort sp, Pod pod) {
    IntOrString target = sp.getTargetPort();
    if (target == null) {
      return Optional.ofNullable(sp.getPort());
    }
    if (target.getIntVal() != null) {
      return Optional.of(target.getIntVal());
    }
    String name = target.getStrVal();
    String protocol = sp.getProtocol() == null ? "TCP" : sp.getProtocol();
    for (var container : pod.getSpec().getContainers()) {
      for (ContainerPort cp : container.getPorts() == null ? List.<ContainerPort>of() : container.getPorts()) {
        if (name.equals(cp.getName()) && protocol.equals(cp.getProtocol() == null ? "TCP" : cp.getProtocol())) {
          return Optional.of(cp.getContainerPort());
        }
      }
    }
    try {
      return Optional.of(Integer.parseInt(name));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
