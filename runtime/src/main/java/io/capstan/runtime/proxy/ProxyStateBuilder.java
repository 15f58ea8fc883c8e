package io.capstan.runtime.proxy;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.proxy.EndpointInfo;
import io.capstan.spi.proxy.ProxyState;
import io.capstan.spi.proxy.ServiceInfo;
import io.capstan.spi.proxy.ServicePortName;
import io.capstan.spi.proxy.ServiceType;
import io.capstan.spi.proxy.SessionAffinity;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link ProxyState} of a node from Services and their Endpoints, as kube-proxy's
 * service and endpoints change trackers do: headless and ExternalName Services are skipped; each
 * service port's endpoints are the Endpoints subset ports of the same name (the Endpoints
 * controller has already resolved named target ports to numbers); {@code addresses} are ready and
 * serving, {@code notReadyAddresses} are neither. A Service the proxy cannot program (a bad
 * protocol, a missing port) is logged and left out, never fails the whole state.
 */
public final class ProxyStateBuilder {

  private static final Logger LOG = LoggerFactory.getLogger(ProxyStateBuilder.class);

  private ProxyStateBuilder() {}

  /**
   * @param services every Service the informer holds
   * @param endpointsOf the Endpoints object of a namespace and name, if any
   * @param nodeName the node the proxy runs on
   */
  public static ProxyState build(List<Service> services,
      BiFunction<String, String, Optional<Endpoints>> endpointsOf, String nodeName) {
    requireNonNull(services, "services");
    requireNonNull(endpointsOf, "endpointsOf");
    requireNonNull(nodeName, "nodeName");
    Map<ServicePortName, ServiceInfo> infos = new HashMap<>();
    Map<ServicePortName, List<EndpointInfo>> endpoints = new HashMap<>();
    for (Service service : services) {
      if (!proxied(service)) {
        continue;
      }
      String ns = service.getMetadata().getNamespace();
      String name = service.getMetadata().getName();
      Optional<Endpoints> eps = endpointsOf.apply(ns, name);
      for (ServicePort port : service.getSpec().getPorts()) {
        ServicePortName key = new ServicePortName(ns, name, Objects.requireNonNullElse(port.getName(), ""));
        try {
          infos.put(key, info(key, service.getSpec(), service, port));
        } catch (IllegalArgumentException e) {
          LOG.warn("{}/{}: service port not proxied: {}", ns, name, e.getMessage());
          continue;
        }
        eps.ifPresent(e -> endpoints.put(key, endpointsFor(key.port(), port.getProtocol(), e)));
      }
    }
    return new ProxyState(infos, endpoints, nodeName);
  }

  /** Headless and ExternalName Services are DNS-only: kube-proxy never programs them. */
  static boolean proxied(Service service) {
    ServiceSpec spec = service.getSpec();
    if (spec == null || spec.getPorts() == null || spec.getPorts().isEmpty()) {
      return false;
    }
    if ("ExternalName".equals(spec.getType())) {
      return false;
    }
    String ip = spec.getClusterIP();
    return ip != null && !ip.isEmpty() && !"None".equals(ip);
  }

  private static ServiceInfo info(ServicePortName key, ServiceSpec spec, Service service, ServicePort port) {
    ServiceType type = ServiceType.fromKubernetes(spec.getType());
    boolean clientIp = "ClientIP".equals(spec.getSessionAffinity());
    Duration timeout = Duration.ZERO;
    if (clientIp) {
      Integer seconds = spec.getSessionAffinityConfig() == null || spec.getSessionAffinityConfig().getClientIP() == null
          ? null : spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds();
      timeout = seconds == null || seconds <= 0 ? ServiceInfo.DEFAULT_AFFINITY_TIMEOUT : Duration.ofSeconds(seconds);
    }
    int nodePort = type.hasNodePort() && port.getNodePort() != null ? port.getNodePort() : 0;
    List<String> lbIps = new ArrayList<>();
    if (service.getStatus() != null && service.getStatus().getLoadBalancer() != null
        && service.getStatus().getLoadBalancer().getIngress() != null) {
      for (LoadBalancerIngress ingress : service.getStatus().getLoadBalancer().getIngress()) {
        if (ingress.getIp() != null && !ingress.getIp().isEmpty()) {
          lbIps.add(ingress.getIp());
        }
      }
    }
    return new ServiceInfo(key, type, spec.getClusterIP(), port.getPort() == null ? 0 : port.getPort(),
        Objects.requireNonNullElse(port.getProtocol(), "TCP"), nodePort,
        clientIp ? SessionAffinity.CLIENT_IP : SessionAffinity.NONE, timeout,
        Objects.requireNonNullElse(spec.getExternalIPs(), List.of()), lbIps,
        "Local".equals(spec.getExternalTrafficPolicy()));
  }

  private static List<EndpointInfo> endpointsFor(String portName, String protocol, Endpoints endpoints) {
    List<EndpointInfo> out = new ArrayList<>();
    if (endpoints.getSubsets() == null) {
      return out;
    }
    String wantProtocol = Objects.requireNonNullElse(protocol, "TCP");
    for (EndpointSubset subset : endpoints.getSubsets()) {
      if (subset.getPorts() == null) {
        continue;
      }
      for (EndpointPort port : subset.getPorts()) {
        if (!portName.equals(Objects.requireNonNullElse(port.getName(), ""))
            || !wantProtocol.equals(Objects.requireNonNullElse(port.getProtocol(), "TCP"))
            || port.getPort() == null || port.getPort() < 1 || port.getPort() > 65535) {
          continue;
        }
        addAll(out, subset.getAddresses(), port.getPort(), true);
        addAll(out, subset.getNotReadyAddresses(), port.getPort(), false);
      }
    }
    return out;
  }

  private static void addAll(List<EndpointInfo> out, List<EndpointAddress> addresses, int port, boolean ready) {
    if (addresses == null) {
      return;
    }
    for (EndpointAddress address : addresses) {
      if (address.getIp() == null || address.getIp().isEmpty()) {
        continue;
      }
      out.add(new EndpointInfo(address.getIp(), port, ready, ready, false,
          Objects.requireNonNullElse(address.getNodeName(), ""), ""));
    }
  }
}
