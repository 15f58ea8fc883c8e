package io.capstan.runtime.dns;

import io.capstan.spi.dns.DnsEndpoint;
import io.capstan.spi.dns.DnsPort;
import io.capstan.spi.dns.DnsService;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a Service and its Endpoints into the {@link DnsService} the cluster DNS publishes, as
 * CoreDNS's {@code kubernetes} plugin reads them: ExternalName → CNAME; {@code clusterIP: None} →
 * headless, published per ready address ({@code subsets[].addresses}; with
 * {@code publishNotReadyAddresses} the not-ready ones too); any other type → its cluster IPs. A
 * port the DNS cannot publish (a bad protocol) is logged and left out.
 */
public final class DnsServiceBuilder {

  private static final Logger LOG = LoggerFactory.getLogger(DnsServiceBuilder.class);

  private DnsServiceBuilder() {}

  /** The DNS view of a Service; empty when it has nothing to publish yet (no cluster IP allocated). */
  public static Optional<DnsService> build(Service service, Optional<Endpoints> endpoints) {
    ServiceSpec spec = service.getSpec();
    String ns = service.getMetadata().getNamespace();
    String name = service.getMetadata().getName();
    if (spec == null) {
      return Optional.empty();
    }
    List<DnsPort> ports = servicePorts(ns, name, spec.getPorts());
    List<DnsEndpoint> ready = endpoints.map(e -> ready(ns, name, e, Boolean.TRUE.equals(spec.getPublishNotReadyAddresses())))
        .orElse(List.of());
    if ("ExternalName".equals(spec.getType())) {
      String target = Objects.requireNonNullElse(spec.getExternalName(), "").trim();
      while (target.endsWith(".")) {
        target = target.substring(0, target.length() - 1);
      }
      return target.isEmpty() ? Optional.empty()
          : Optional.of(new DnsService(ns, name, DnsService.Type.EXTERNAL_NAME, List.of(), target, ports, ready));
    }
    String clusterIp = spec.getClusterIP();
    if ("None".equals(clusterIp)) {
      return Optional.of(new DnsService(ns, name, DnsService.Type.HEADLESS, List.of(), "", ports, ready));
    }
    List<String> ips = spec.getClusterIPs() != null && !spec.getClusterIPs().isEmpty() ? spec.getClusterIPs()
        : clusterIp == null || clusterIp.isEmpty() ? List.of() : List.of(clusterIp);
    if (ips.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new DnsService(ns, name, DnsService.Type.CLUSTER_IP, ips, "", ports, ready));
  }

  private static List<DnsPort> servicePorts(String ns, String name, List<ServicePort> ports) {
    List<DnsPort> out = new ArrayList<>();
    for (ServicePort port : Objects.requireNonNullElse(ports, List.<ServicePort>of())) {
      port(ns, name, port.getName(), port.getProtocol(), port.getPort()).ifPresent(out::add);
    }
    return out;
  }

  private static Optional<DnsPort> port(String ns, String name, String portName, String protocol, Integer number) {
    if (number == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new DnsPort(Objects.requireNonNullElse(portName, ""), Objects.requireNonNullElse(protocol, "TCP"),
          number));
    } catch (IllegalArgumentException e) {
      LOG.warn("{}/{}: port {} not published in DNS: {}", ns, name, portName, e.getMessage());
      return Optional.empty();
    }
  }

  private static List<DnsEndpoint> ready(String ns, String name, Endpoints endpoints, boolean publishNotReady) {
    record Key(String ip, String hostname) {}
    Map<Key, List<DnsPort>> merged = new LinkedHashMap<>();
    for (EndpointSubset subset : Objects.requireNonNullElse(endpoints.getSubsets(), List.<EndpointSubset>of())) {
      List<DnsPort> ports = new ArrayList<>();
      for (EndpointPort p : Objects.requireNonNullElse(subset.getPorts(), List.<EndpointPort>of())) {
        port(ns, name, p.getName(), p.getProtocol(), p.getPort()).ifPresent(ports::add);
      }
      List<EndpointAddress> addresses = new ArrayList<>(Objects.requireNonNullElse(subset.getAddresses(), List.of()));
      if (publishNotReady) {
        addresses.addAll(Objects.requireNonNullElse(subset.getNotReadyAddresses(), List.of()));
      }
      for (EndpointAddress address : addresses) {
        if (address.getIp() == null || address.getIp().isEmpty()) {
          continue;
        }
        merged.computeIfAbsent(new Key(address.getIp(), Objects.requireNonNullElse(address.getHostname(), "")),
            k -> new ArrayList<>()).addAll(ports);
      }
    }
    List<DnsEndpoint> out = new ArrayList<>();
    merged.forEach((key, ports) -> out.add(new DnsEndpoint(key.ip(), key.hostname(), ports.stream().distinct().toList())));
    return out;
  }
}
