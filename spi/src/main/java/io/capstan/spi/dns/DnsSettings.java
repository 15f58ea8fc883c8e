package io.capstan.spi.dns;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * Where and for which zone the cluster DNS answers: the {@code dns} component's settings
 * ({@code dns.bind}, {@code dns.port}, {@code dns.zone}).
 *
 * @param bindAddress the address both listeners bind, default {@code 127.0.0.1}
 * @param port the UDP and TCP port; {@code 0} picks a free one. Default {@code 5353}: port 53
 *     needs root
 * @param zone the cluster domain (kubelet's {@code --cluster-domain}), lower case, without
 *     leading or trailing dot; default {@code cluster.local}
 */
public record DnsSettings(String bindAddress, int port, String zone) {

  public static final String DEFAULT_ZONE = "cluster.local";
  public static final int DEFAULT_PORT = 5353;

  public DnsSettings {
    requireNonNull(bindAddress, "bindAddress");
    requireNonNull(zone, "zone");
    if (bindAddress.isBlank()) {
      throw new IllegalArgumentException("dns.bind must not be empty");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("dns.port must be 0-65535, got " + port);
    }
    zone = zone.trim().toLowerCase(Locale.ROOT);
    while (zone.endsWith(".")) {
      zone = zone.substring(0, zone.length() - 1);
    }
    if (zone.isEmpty() || zone.startsWith(".") || zone.contains("..")) {
      throw new IllegalArgumentException("dns.zone must be a domain like cluster.local, got '" + zone + "'");
    }
  }

  /** 127.0.0.1:5353 for cluster.local. */
  public static DnsSettings defaults() {
    return new DnsSettings("127.0.0.1", DEFAULT_PORT, DEFAULT_ZONE);
  }

  /** The search list a pod of {@code namespace} gets: {@code <ns>.svc.<zone> svc.<zone> <zone>}. */
  public java.util.List<String> searchPath(String namespace) {
    requireNonNull(namespace, "namespace");
    return java.util.List.of(namespace + ".svc." + zone, "svc." + zone, zone);
  }
}
