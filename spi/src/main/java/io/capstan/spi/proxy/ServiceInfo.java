package io.capstan.spi.proxy;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * One service port as a proxy needs it. Headless (clusterIP None) and ExternalName Services are
 * never given to a proxy.
 *
 * @param name the service port
 * @param type the Service type
 * @param clusterIp the virtual IP
 * @param port the port on the cluster IP
 * @param protocol {@code TCP}, {@code UDP} or {@code SCTP}
 * @param nodePort the port on every node's addresses, {@code 0} when the type has none
 * @param sessionAffinity whether to pin clients to endpoints
 * @param affinityTimeout how long a pin lasts (Kubernetes' default 10800 s); ZERO with NONE
 * @param externalIps {@code spec.externalIPs}
 * @param loadBalancerIps the IPs in {@code status.loadBalancer.ingress}
 * @param externalTrafficLocal {@code externalTrafficPolicy: Local}: node port and LB traffic go
 *     only to endpoints on the receiving node (and keep the client source IP)
 */
public record ServiceInfo(
    ServicePortName name,
    ServiceType type,
    String clusterIp,
    int port,
    String protocol,
    int nodePort,
    SessionAffinity sessionAffinity,
    Duration affinityTimeout,
    List<String> externalIps,
    List<String> loadBalancerIps,
    boolean externalTrafficLocal) {

  /** Kubernetes' default {@code sessionAffinityConfig.clientIP.timeoutSeconds}. */
  public static final Duration DEFAULT_AFFINITY_TIMEOUT = Duration.ofSeconds(10800);

  public ServiceInfo {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    requireNonNull(clusterIp, "clusterIp");
    requireNonNull(protocol, "protocol");
    requireNonNull(sessionAffinity, "sessionAffinity");
    requireNonNull(affinityTimeout, "affinityTimeout");
    externalIps = List.copyOf(requireNonNull(externalIps, "externalIps"));
    loadBalancerIps = List.copyOf(requireNonNull(loadBalancerIps, "loadBalancerIps"));
    if (type == ServiceType.EXTERNAL_NAME) {
      throw new IllegalArgumentException(name + ": ExternalName services are not proxied");
    }
    if (clusterIp.isEmpty() || clusterIp.equals("None")) {
      throw new IllegalArgumentException(name + ": headless services are not proxied");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(name + ": port must be 1-65535, got " + port);
    }
    if (!List.of("TCP", "UDP", "SCTP").contains(protocol)) {
      throw new IllegalArgumentException(name + ": protocol must be TCP, UDP or SCTP, got " + protocol);
    }
    if (type.hasNodePort() ? nodePort < 1 || nodePort > 65535 : nodePort != 0) {
      throw new IllegalArgumentException(name + ": nodePort " + nodePort + " does not fit type " + type);
    }
    if (sessionAffinity == SessionAffinity.CLIENT_IP
        ? affinityTimeout.isZero() || affinityTimeout.isNegative() : !affinityTimeout.isZero()) {
      throw new IllegalArgumentException(name + ": affinityTimeout " + affinityTimeout
          + " does not fit sessionAffinity " + sessionAffinity);
    }
  }

  /** A ClusterIP TCP service port without affinity. */
  public static ServiceInfo clusterIp(ServicePortName name, String clusterIp, int port) {
    return new ServiceInfo(name, ServiceType.CLUSTER_IP, clusterIp, port, "TCP", 0,
        SessionAffinity.NONE, Duration.ZERO, List.of(), List.of(), false);
  }
}
