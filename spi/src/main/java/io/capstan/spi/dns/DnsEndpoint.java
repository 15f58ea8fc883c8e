package io.capstan.spi.dns;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One ready address of a Service's Endpoints ({@code subsets[].addresses[]}; not-ready addresses
 * are not published, unless the Service sets {@code publishNotReadyAddresses}, in which case the
 * Endpoints controller lists them as ready).
 *
 * @param ip the pod's IP
 * @param hostname {@code addresses[].hostname}: set by the Endpoints controller for a pod whose
 *     {@code spec.hostname} is set and whose {@code spec.subdomain} names this Service; {@code ""}
 *     otherwise
 * @param ports the ports of the subsets listing this address
 */
public record DnsEndpoint(String ip, String hostname, List<DnsPort> ports) {

  public DnsEndpoint {
    requireNonNull(ip, "ip");
    requireNonNull(hostname, "hostname");
    ports = List.copyOf(requireNonNull(ports, "ports"));
    if (ip.isEmpty()) {
      throw new IllegalArgumentException("endpoint ip must not be empty");
    }
  }

  /**
   * The endpoint's DNS label under its Service: the hostname, else the IP with dashes
   * ({@code 10-244-1-5}, as CoreDNS names endpoints without a hostname).
   */
  public String label() {
    return hostname.isEmpty() ? ip.replace('.', '-').replace(':', '-') : hostname;
  }
}
