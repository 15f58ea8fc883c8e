package io.capstan.plugins.proxy.userspace;

import java.time.Duration;

/**
 * Settings of the {@code userspace} proxy, bound from {@code proxy.userspace.*}. A null component
 * (key absent) means the default.
 *
 * @param bindAddress where each service port's local listener binds; default {@code 127.0.0.1}
 * @param portsFile a file the proxy rewrites after each sync with one line per service port:
 *     {@code namespace/name:port <tab> clusterIP:port <tab> bindAddress:localPort <tab> protocol};
 *     default {@code ""}: not written
 * @param connectTimeout how long a connect to one endpoint may take before the next is tried;
 *     default {@code 1s}
 * @param udpIdleTimeout how long a UDP session (one client address to one endpoint) lives without
 *     a datagram either way; default {@code 250ms}, kube-proxy's {@code --udp-timeout}
 */
public record UserspaceProxyConfig(String bindAddress, String portsFile, Duration connectTimeout,
    Duration udpIdleTimeout) {

  public UserspaceProxyConfig {
    bindAddress = bindAddress == null || bindAddress.isBlank() ? "127.0.0.1" : bindAddress.trim();
    portsFile = portsFile == null ? "" : portsFile.trim();
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(1) : connectTimeout;
    udpIdleTimeout = udpIdleTimeout == null ? Duration.ofMillis(250) : udpIdleTimeout;
    if (udpIdleTimeout.isZero() || udpIdleTimeout.isNegative()) {
      throw new IllegalArgumentException("proxy.userspace.udpIdleTimeout must be positive, got " + udpIdleTimeout);
    }
    if (connectTimeout.isZero() || connectTimeout.isNegative()) {
      throw new IllegalArgumentException("proxy.userspace.connectTimeout must be positive, got " + connectTimeout);
    }
  }

  /** TCP settings only; UDP sessions get the default idle timeout. */
  public UserspaceProxyConfig(String bindAddress, String portsFile, Duration connectTimeout) {
    this(bindAddress, portsFile, connectTimeout, null);
  }

  public static UserspaceProxyConfig defaults() {
    return new UserspaceProxyConfig(null, null, null, null);
  }
}
