package io.capstan.spi.proxy;

import static java.util.Objects.requireNonNull;

/**
 * One backend of a service port, from an EndpointSlice endpoint.
 *
 * @param ip the pod's IP (IPv4 or IPv6 literal)
 * @param port the target port number on the pod
 * @param ready {@code conditions.ready}: serving and not terminating (or
 *     {@code publishNotReadyAddresses} is set)
 * @param serving {@code conditions.serving}: passing readiness, terminating or not
 * @param terminating {@code conditions.terminating}
 * @param nodeName the node running the pod, {@code ""} if unknown
 * @param zone the node's zone, {@code ""} if unknown
 */
public record EndpointInfo(String ip, int port, boolean ready, boolean serving,
    boolean terminating, String nodeName, String zone) {

  public EndpointInfo {
    requireNonNull(ip, "ip");
    requireNonNull(nodeName, "nodeName");
    requireNonNull(zone, "zone");
    if (ip.isEmpty()) {
      throw new IllegalArgumentException("endpoint ip must not be empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("endpoint port must be 1-65535, got " + port);
    }
  }

  /** A ready, serving, non-terminating endpoint. */
  public static EndpointInfo ready(String ip, int port, String nodeName) {
    return new EndpointInfo(ip, port, true, true, false, nodeName, "");
  }

  /** {@code ip:port}, with brackets around IPv6 addresses ({@code [fd00::1]:80}). */
  public String address() {
    return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
  }
}
