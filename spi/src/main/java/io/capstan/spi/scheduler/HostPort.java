package io.capstan.spi.scheduler;

import static java.util.Objects.requireNonNull;

/**
 * A host port a pod's container claims ({@code containerPort.hostPort}), as tracked per node for the
 * NodePorts filter.
 *
 * @param ip the host IP, {@link #ANY_IP} when the container leaves it unset
 * @param protocol {@code TCP}, {@code UDP} or {@code SCTP}
 * @param port 1..65535
 */
public record HostPort(String ip, String protocol, int port) {

  /** The wildcard address, which conflicts with every address on the same protocol and port. */
  public static final String ANY_IP = "0.0.0.0";

  public HostPort {
    requireNonNull(ip, "ip");
    requireNonNull(protocol, "protocol");
    if (ip.isEmpty()) {
      ip = ANY_IP;
    }
    if (protocol.isEmpty()) {
      protocol = "TCP";
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("host port must be in 1..65535, was " + port);
    }
  }

  /** Kubernetes' {@code HostPortInfo.CheckConflict}: same protocol and port, and same or wildcard IP. */
  public boolean conflictsWith(HostPort other) {
    requireNonNull(other, "other");
    return port == other.port && protocol.equals(other.protocol)
        && (ip.equals(other.ip) || ip.equals(ANY_IP) || other.ip.equals(ANY_IP));
  }
}
