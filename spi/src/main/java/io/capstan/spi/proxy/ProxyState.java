package io.capstan.spi.proxy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * The complete desired state of the proxy on one node: every proxied service port and its
 * endpoints. Immutable. A proxy compares it with what it has programmed and applies the
 * difference.
 *
 * @param services every service port to program
 * @param endpoints the endpoints of each service port; a missing or empty entry means the service
 *     has no endpoints (traffic is rejected, as kube-proxy does). Entries for service ports not in
 *     {@code services} are ignored.
 * @param nodeName the node this proxy runs on (for Local traffic policy)
 */
public record ProxyState(Map<ServicePortName, ServiceInfo> services,
    Map<ServicePortName, List<EndpointInfo>> endpoints, String nodeName) {

  public ProxyState {
    services = Map.copyOf(requireNonNull(services, "services"));
    Map<ServicePortName, List<EndpointInfo>> copy = new java.util.HashMap<>();
    requireNonNull(endpoints, "endpoints").forEach((k, v) -> copy.put(k, List.copyOf(v)));
    endpoints = Map.copyOf(copy);
    requireNonNull(nodeName, "nodeName");
    services.forEach((key, info) -> {
      if (!key.equals(info.name())) {
        throw new IllegalArgumentException("service keyed " + key + " is named " + info.name());
      }
    });
  }

  /** No services: what a proxy is synced to before the informers have synced. */
  public static ProxyState empty(String nodeName) {
    return new ProxyState(Map.of(), Map.of(), nodeName);
  }

  /** All endpoints of a service port, empty if none. */
  public List<EndpointInfo> endpointsOf(ServicePortName name) {
    return endpoints.getOrDefault(requireNonNull(name, "name"), List.of());
  }

  /**
   * The endpoints traffic should go to, by kube-proxy's rule: the ready ones; if none is ready,
   * the ones still serving while terminating (so connections drain during a rollout); else none.
   */
  public List<EndpointInfo> usableEndpoints(ServicePortName name) {
    List<EndpointInfo> all = endpointsOf(name);
    List<EndpointInfo> ready = all.stream().filter(EndpointInfo::ready).toList();
    if (!ready.isEmpty()) {
      return ready;
    }
    return all.stream().filter(e -> e.serving() && e.terminating()).toList();
  }
}
