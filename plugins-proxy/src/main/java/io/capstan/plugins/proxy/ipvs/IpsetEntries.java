package io.capstan.plugins.proxy.ipvs;

import io.capstan.spi.proxy.EndpointInfo;
import io.capstan.spi.proxy.ServiceInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Collects the entries of kube-proxy's ipsets (names, types and meaning from its ipvs proxier's
 * {@code ipsetInfo} table). Every set is always present, empty or not, so a restore also empties
 * sets whose services went away.
 */
final class IpsetEntries {

  /** A set's name, ipset type and kube-proxy's comment for it, in kube-proxy's order. */
  record SetInfo(String name, String type, String comment) {}

  static final List<SetInfo> SETS = List.of(
      new SetInfo("KUBE-LOOP-BACK", "hash:ip,port,ip",
          "Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose"),
      new SetInfo("KUBE-CLUSTER-IP", "hash:ip,port",
          "Kubernetes service cluster ip + port for masquerade purpose"),
      new SetInfo("KUBE-EXTERNAL-IP", "hash:ip,port",
          "Kubernetes service external ip + port for masquerade and filter purpose"),
      new SetInfo("KUBE-EXTERNAL-IP-LOCAL", "hash:ip,port",
          "Kubernetes service external ip + port with externalTrafficPolicy=local"),
      new SetInfo("KUBE-LOAD-BALANCER", "hash:ip,port",
          "Kubernetes service lb portal"),
      new SetInfo("KUBE-LOAD-BALANCER-LOCAL", "hash:ip,port",
          "Kubernetes service load balancer ip + port with externalTrafficPolicy=local"),
      new SetInfo("KUBE-NODE-PORT-TCP", "bitmap:port",
          "Kubernetes nodeport TCP port for masquerade purpose"),
      new SetInfo("KUBE-NODE-PORT-LOCAL-TCP", "bitmap:port",
          "Kubernetes nodeport TCP port with externalTrafficPolicy=local"),
      new SetInfo("KUBE-NODE-PORT-UDP", "bitmap:port",
          "Kubernetes nodeport UDP port for masquerade purpose"),
      new SetInfo("KUBE-NODE-PORT-LOCAL-UDP", "bitmap:port",
          "Kubernetes nodeport UDP port with externalTrafficPolicy=local"),
      new SetInfo("KUBE-NODE-PORT-SCTP-HASH", "hash:ip,port",
          "Kubernetes nodeport SCTP port for masquerade purpose with type 'hash ip:port'"),
      new SetInfo("KUBE-NODE-PORT-LOCAL-SCTP-HASH", "hash:ip,port",
          "Kubernetes nodeport SCTP port with externalTrafficPolicy=local with type 'hash ip:port'"));

  private final Map<String, TreeSet<String>> entries = new LinkedHashMap<>();

  IpsetEntries() {
    SETS.forEach(s -> entries.put(s.name(), new TreeSet<>()));
  }

  private static String ipPort(String ip, ServiceInfo svc, int port) {
    return ip + "," + svc.protocol().toLowerCase(Locale.ROOT) + ":" + port;
  }

  void clusterIp(ServiceInfo svc) {
    entries.get("KUBE-CLUSTER-IP").add(ipPort(svc.clusterIp(), svc, svc.port()));
  }

  /** Hairpin: an endpoint reaching itself through the service must be masqueraded. */
  void loopBack(EndpointInfo endpoint, String protocol) {
    entries.get("KUBE-LOOP-BACK").add(endpoint.ip() + "," + protocol.toLowerCase(Locale.ROOT)
        + ":" + endpoint.port() + "," + endpoint.ip());
  }

  void externalIp(String ip, ServiceInfo svc) {
    entries.get("KUBE-EXTERNAL-IP").add(ipPort(ip, svc, svc.port()));
    if (svc.externalTrafficLocal()) {
      entries.get("KUBE-EXTERNAL-IP-LOCAL").add(ipPort(ip, svc, svc.port()));
    }
  }

  void loadBalancer(String ip, ServiceInfo svc) {
    entries.get("KUBE-LOAD-BALANCER").add(ipPort(ip, svc, svc.port()));
    if (svc.externalTrafficLocal()) {
      entries.get("KUBE-LOAD-BALANCER-LOCAL").add(ipPort(ip, svc, svc.port()));
    }
  }

  /** TCP and UDP node ports go in port bitmaps; SCTP ones per node IP in a hash set. */
  void nodePort(ServiceInfo svc, List<String> nodeIps) {
    String port = Integer.toString(svc.nodePort());
    switch (svc.protocol()) {
      case "TCP" -> add("KUBE-NODE-PORT-TCP", "KUBE-NODE-PORT-LOCAL-TCP", port, svc);
      case "UDP" -> add("KUBE-NODE-PORT-UDP", "KUBE-NODE-PORT-LOCAL-UDP", port, svc);
      default -> nodeIps.forEach(ip -> add("KUBE-NODE-PORT-SCTP-HASH",
          "KUBE-NODE-PORT-LOCAL-SCTP-HASH", ip + ",sctp:" + port, svc));
    }
  }

  private void add(String set, String localSet, String entry, ServiceInfo svc) {
    entries.get(set).add(entry);
    if (svc.externalTrafficLocal()) {
      entries.get(localSet).add(entry);
    }
  }

  Map<String, List<String>> sorted() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    entries.forEach((name, set) -> out.put(name, List.copyOf(set)));
    return out;
  }
}
