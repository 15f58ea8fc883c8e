package io.capstan.plugins.dns.clusterdns;

import java.time.Duration;
import java.util.List;

/**
 * Settings of the {@code cluster-dns} plugin, bound from {@code dns.cluster-dns.*}. Where it
 * listens and for which zone are the {@code dns} component's settings ({@code dns.bind},
 * {@code dns.port}, {@code dns.zone}). A null component (key absent) means the default.
 *
 * @param ttl the TTL of every record, CoreDNS {@code kubernetes} plugin's {@code ttl}: default
 *     {@code 5s}, 0-3600 s
 * @param tcpIdleTimeout how long a TCP connection may wait for its next query; default {@code 10s}
 * @param maxTcpConnections TCP connections served at once; more are closed; default 16
 * @param upstreams where names outside the cluster zone are forwarded (CoreDNS's {@code forward}),
 *     each {@code ip} or {@code ip:port} (IPv6 as {@code [ip]:port}), tried in order; default (key
 *     absent): the {@code nameserver}s of {@code resolvConf}; an empty list turns forwarding off
 *     (such names get REFUSED)
 * @param resolvConf the file the default upstreams are read from; default {@code /etc/resolv.conf}
 * @param upstreamTimeout how long one upstream may take to answer before the next is tried; when
 *     all fail the client gets SERVFAIL; default {@code 2s}
 */
public record ClusterDnsConfig(Duration ttl, Duration tcpIdleTimeout, Integer maxTcpConnections, List<String> upstreams,
    String resolvConf, Duration upstreamTimeout) {

  public ClusterDnsConfig {
    ttl = ttl == null ? Duration.ofSeconds(5) : ttl;
    tcpIdleTimeout = tcpIdleTimeout == null ? Duration.ofSeconds(10) : tcpIdleTimeout;
    maxTcpConnections = maxTcpConnections == null ? 16 : maxTcpConnections;
    upstreams = upstreams == null ? null : List.copyOf(upstreams);
    resolvConf = resolvConf == null || resolvConf.isBlank() ? "/etc/resolv.conf" : resolvConf.trim();
    upstreamTimeout = upstreamTimeout == null ? Duration.ofSeconds(2) : upstreamTimeout;
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
    if (upstreamTimeout.isZero() || upstreamTimeout.isNegative()) {
      throw new IllegalArgumentException("dns.cluster-dns.upstreamTimeout must be positive, got " + upstreamTimeout);
    }
    if (upstreams != null) {
      upstreams.forEach(Upstreams::parse); // a bad address is refused when the settings load
    }
  }

  /** The earlier settings, with upstreams from {@code /etc/resolv.conf}. */
  public ClusterDnsConfig(Duration ttl, Duration tcpIdleTimeout, Integer maxTcpConnections) {
    this(ttl, tcpIdleTimeout, maxTcpConnections, null, null, null);
  }

  public static ClusterDnsConfig defaults() {
    return new ClusterDnsConfig(null, null, null);
  }
}
