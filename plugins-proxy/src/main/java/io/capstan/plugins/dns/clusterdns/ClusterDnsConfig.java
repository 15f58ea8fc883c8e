package io.capstan.plugins.dns.clusterdns;

import java.time.Duration;

/**
 * Settings of the {@code cluster-dns} plugin, bound from {@code dns.cluster-dns.*}. Where it
 * listens and for which zone are the {@code dns} component's settings ({@code dns.bind},
 * {@code dns.port}, {@code dns.zone}). A null component (key absent) means the default.
 *
 * @param ttl the TTL of every record, CoreDNS {@code kubernetes} plugin's {@code ttl}: default
 *     {@code 5s}, 0-3600 s
 * @param tcpIdleTimeout how long a TCP connection may wait for its next query; default {@code 10s}
 * @param maxTcpConnections TCP connections served at once; more are closed; default 16
 */
public record ClusterDnsConfig(Duration ttl, Duration tcpIdleTimeout, Integer maxTcpConnections) {

  public ClusterDnsConfig {
    ttl = ttl == null ? Duration.ofSeconds(5) : ttl;
    tcpIdleTimeout = tcpIdleTimeout == null ? Duration.ofSeconds(10) : tcpIdleTimeout;
    maxTcpConnections = maxTcpConnections == null ? 16 : maxTcpConnections;
    if (ttl.isNegative() || ttl.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("dns.cluster-dns.ttl must be 0s-3600s (CoreDNS's range), got " + ttl);
    }
    if (tcpIdleTimeout.isZero() || tcpIdleTimeout.isNegative()) {
      throw new IllegalArgumentException("dns.cluster-dns.tcpIdleTimeout must be positive, got " + tcpIdleTimeout);
    }
    if (maxTcpConnections < 1) {
      throw new IllegalArgumentException("dns.cluster-dns.maxTcpConnections must be at least 1, got "
          + maxTcpConnections);
    }
  }

  public static ClusterDnsConfig defaults() {
    return new ClusterDnsConfig(null, null, null);
  }
}
