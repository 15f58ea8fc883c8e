package io.capstan.spi.dns;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Everything the cluster DNS publishes for one Service: its kind of record, its ports and (for a
 * headless Service) its ready endpoints. Immutable.
 *
 * @param namespace the Service's namespace
 * @param name the Service's name
 * @param type how the name resolves
 * @param clusterIps {@code spec.clusterIPs} (or {@code spec.clusterIP}) of a {@link Type#CLUSTER_IP}
 *     Service; empty otherwise
 * @param externalName {@code spec.externalName} of an {@link Type#EXTERNAL_NAME} Service, without
 *     trailing dot; {@code ""} otherwise
 * @param ports {@code spec.ports} (SRV records for the named ones)
 * @param endpoints the ready endpoints (published only for a {@link Type#HEADLESS} Service, but
 *     given for every type)
 */
public record DnsService(String namespace, String name, Type type, List<String> clusterIps,
    String externalName, List<DnsPort> ports, List<DnsEndpoint> endpoints) {

  /** How a Service's name resolves. */
  public enum Type {
    /** A virtual IP (types ClusterIP, NodePort, LoadBalancer): A/AAAA to the cluster IPs. */
    CLUSTER_IP,
    /** {@code clusterIP: None}: A/AAAA to every ready endpoint. */
    HEADLESS,
    /** {@code type: ExternalName}: a CNAME. */
    EXTERNAL_NAME
  }

  public DnsService {
    requireNonNull(namespace, "namespace");
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    clusterIps = List.copyOf(requireNonNull(clusterIps, "clusterIps"));
    requireNonNull(externalName, "externalName");
    ports = List.copyOf(requireNonNull(ports, "ports"));
    endpoints = List.copyOf(requireNonNull(endpoints, "endpoints"));
    if (namespace.isEmpty() || name.isEmpty()) {
      throw new IllegalArgumentException("namespace and name must not be empty");
    }
    if ((type == Type.CLUSTER_IP) == clusterIps.isEmpty()) {
      throw new IllegalArgumentException(namespace + "/" + name + ": " + type + " does not fit clusterIps " + clusterIps);
    }
    if ((type == Type.EXTERNAL_NAME) == externalName.isEmpty()) {
      throw new IllegalArgumentException(namespace + "/" + name + ": " + type + " does not fit externalName '"
          + externalName + "'");
    }
  }

  /** A ClusterIP Service with the given ports and no endpoints. */
  public static DnsService clusterIp(String namespace, String name, String clusterIp, DnsPort... ports) {
    return new DnsService(namespace, name, Type.CLUSTER_IP, List.of(clusterIp), "", List.of(ports), List.of());
  }

  /** A headless Service with the given ports and ready endpoints. */
  public static DnsService headless(String namespace, String name, List<DnsPort> ports, List<DnsEndpoint> endpoints) {
    return new DnsService(namespace, name, Type.HEADLESS, List.of(), "", ports, endpoints);
  }

  /** An ExternalName Service. */
  public static DnsService externalName(String namespace, String name, String externalName) {
    return new DnsService(namespace, name, Type.EXTERNAL_NAME, List.of(), externalName, List.of(), List.of());
  }
}
