package io.capstan.plugins.proxy.ipvs;

import io.capstan.spi.proxy.EndpointInfo;
import io.capstan.spi.proxy.ProxyState;
import io.capstan.spi.proxy.ServiceInfo;
import io.capstan.spi.proxy.ServicePortName;
import io.capstan.spi.proxy.ServiceType;
import io.capstan.spi.proxy.SessionAffinity;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The representative services the golden files pin down, one {@link ProxyState} each. */
final class IpvsCases {

  static final String NODE = "node-a";
  static final List<String> NODE_IPS = List.of("192.168.1.10");

  private IpvsCases() {}

  static Map<String, ProxyState> all() {
    return Map.of(
        "clusterip-two-endpoints", clusterIpTwoEndpoints(),
        "nodeport", nodePort(),
        "clientip-affinity", clientIpAffinity(),
        "loadbalancer", loadBalancer(),
        "no-endpoints", noEndpoints(),
        "local-traffic-policy", localTrafficPolicy());
  }

  static ServicePortName port(String name, String portName) {
    return new ServicePortName("default", name, portName);
  }

  private static ServiceInfo service(ServicePortName name, ServiceType type, String ip, int port,
      String proto, int nodePort, boolean affinity, List<String> externalIps, List<String> lbIps,
      boolean local) {
    return new ServiceInfo(name, type, ip, port, proto, nodePort,
        affinity ? SessionAffinity.CLIENT_IP : SessionAffinity.NONE,
        affinity ? Duration.ofSeconds(10800) : Duration.ZERO, externalIps, lbIps, local);
  }

  static ProxyState clusterIpTwoEndpoints() {
    ServicePortName web = port("web", "http");
    return new ProxyState(Map.of(web, ServiceInfo.clusterIp(web, "10.96.0.20", 80)),
        Map.of(web, List.of(EndpointInfo.ready("10.244.1.6", 8080, "node-b"),
            EndpointInfo.ready("10.244.0.5", 8080, NODE),
            // not ready: never a real server
            new EndpointInfo("10.244.2.7", 8080, false, false, false, "node-c", ""))),
        NODE);
  }

  static ProxyState nodePort() {
    ServicePortName tcp = port("np", "tcp");
    ServicePortName udp = port("np", "udp");
    return new ProxyState(Map.of(
        tcp, service(tcp, ServiceType.NODE_PORT, "10.96.0.30", 80, "TCP", 30080, false, List.of(),
            List.of(), false),
        udp, service(udp, ServiceType.NODE_PORT, "10.96.0.30", 53, "UDP", 30053, false, List.of(),
            List.of(), false)),
        Map.of(tcp, List.of(EndpointInfo.ready("10.244.0.9", 8080, NODE)),
            udp, List.of(EndpointInfo.ready("10.244.0.9", 5353, NODE))),
        NODE);
  }

  static ProxyState clientIpAffinity() {
    ServicePortName sticky = port("sticky", "");
    return new ProxyState(Map.of(sticky, service(sticky, ServiceType.CLUSTER_IP, "10.96.0.40", 443,
        "TCP", 0, true, List.of(), List.of(), false)),
        Map.of(sticky, List.of(EndpointInfo.ready("10.244.0.11", 8443, NODE),
            EndpointInfo.ready("10.244.1.12", 8443, "node-b"))),
        NODE);
  }

  static ProxyState loadBalancer() {
    ServicePortName lb = port("lb", "http");
    return new ProxyState(Map.of(lb, service(lb, ServiceType.LOAD_BALANCER, "10.96.0.50", 80, "TCP",
        31080, false, List.of("203.0.113.7"), List.of("192.168.200.1"), false)),
        Map.of(lb, List.of(EndpointInfo.ready("10.244.0.13", 80, NODE),
            EndpointInfo.ready("10.244.1.14", 80, "node-b"))),
        NODE);
  }

  static ProxyState noEndpoints() {
    ServicePortName empty = port("empty", "");
    return new ProxyState(Map.of(empty, ServiceInfo.clusterIp(empty, "10.96.0.60", 8080)),
        Map.of(), NODE);
  }

  static ProxyState localTrafficPolicy() {
    ServicePortName local = port("local", "http");
    return new ProxyState(Map.of(local, service(local, ServiceType.LOAD_BALANCER, "10.96.0.70", 80,
        "TCP", 31070, false, List.of(), List.of("192.168.200.2"), true)),
        Map.of(local, List.of(EndpointInfo.ready("10.244.0.15", 80, NODE),
            EndpointInfo.ready("10.244.1.16", 80, "node-b"))),
        NODE);
  }
}
