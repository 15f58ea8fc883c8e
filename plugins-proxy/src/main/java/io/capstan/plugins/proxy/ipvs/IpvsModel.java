package io.capstan.plugins.proxy.ipvs;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.proxy.EndpointInfo;
import io.capstan.spi.proxy.ProxyState;
import io.capstan.spi.proxy.ServiceInfo;
import io.capstan.spi.proxy.ServicePortName;
import io.capstan.spi.proxy.SessionAffinity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The IPVS state kube-proxy's ipvs proxier programs for one {@link ProxyState}, in a sorted,
 * deterministic form the renderers turn into {@code ipvsadm-restore}, {@code ipset restore},
 * {@code iptables-restore} and {@code ip -batch} input.
 *
 * <p>One virtual server per service address and port: the ClusterIP, every external IP, every
 * load-balancer ingress IP, and every node IP for a node port. The ClusterIP gets every usable
 * endpoint; only endpoints on this node need the hairpin entry in {@code KUBE-LOOP-BACK}; with
 * {@code externalTrafficPolicy: Local} the external addresses (node ports, external
 * and load-balancer IPs) get only the endpoints on this node, as kube-proxy does.
 *
 * @param virtualServers every virtual server with its real servers, sorted
 * @param sets every ipset kube-proxy keeps, by name, with its sorted entries
 * @param dummyAddresses the addresses bound to {@code kube-ipvs0}, sorted
 */
public record IpvsModel(List<VirtualServer> virtualServers, Map<String, List<String>> sets,
    List<String> dummyAddresses) {

  /** kube-proxy's dummy device, which holds every service VIP as a host route. */
  public static final String DUMMY_DEVICE = "kube-ipvs0";

  public IpvsModel {
    virtualServers = List.copyOf(requireNonNull(virtualServers, "virtualServers"));
    sets = java.util.Collections.unmodifiableMap(
        new java.util.LinkedHashMap<>(requireNonNull(sets, "sets")));
    dummyAddresses = List.copyOf(requireNonNull(dummyAddresses, "dummyAddresses"));
  }

  /** One backend of a virtual server, in masquerade (NAT) mode with weight 1. */
  public record RealServer(String ip, int port) {
    public RealServer {
      requireNonNull(ip, "ip");
    }

    String address() {
      return IpvsModel.address(ip, port);
    }
  }

  /**
   * One IPVS virtual service.
   *
   * @param protocol {@code TCP}, {@code UDP} or {@code SCTP}
   * @param persistence the ClientIP affinity timeout in seconds, 0 for none
   * @param service the service port it belongs to (for comments and logs)
   */
  public record VirtualServer(String protocol, String ip, int port, String scheduler,
      long persistence, List<RealServer> realServers, ServicePortName service) {
    public VirtualServer {
      requireNonNull(protocol, "protocol");
      requireNonNull(ip, "ip");
      requireNonNull(scheduler, "scheduler");
      requireNonNull(service, "service");
      realServers = realServers.stream()
          .sorted(Comparator.comparing(RealServer::ip).thenComparingInt(RealServer::port)).toList();
    }

    String address() {
      return IpvsModel.address(ip, port);
    }
  }

  static String address(String ip, int port) {
    return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
  }

  /** Builds the model of {@code state} for a node with {@code nodeIps}, using {@code scheduler}. */
  public static IpvsModel of(ProxyState state, List<String> nodeIps, String scheduler) {
    requireNonNull(state, "state");
    requireNonNull(nodeIps, "nodeIps");
    requireNonNull(scheduler, "scheduler");
    List<VirtualServer> servers = new ArrayList<>();
    IpsetEntries sets = new IpsetEntries();
    TreeSet<String> dummy = new TreeSet<>();
    for (ServiceInfo svc : state.services().values()) {
      List<EndpointInfo> all = state.usableEndpoints(svc.name());
      List<RealServer> cluster = all.stream().map(e -> new RealServer(e.ip(), e.port())).toList();
      List<RealServer> external = svc.externalTrafficLocal()
          ? all.stream().filter(e -> e.nodeName().equals(state.nodeName()))
              .map(e -> new RealServer(e.ip(), e.port())).toList()
          : cluster;
      long persistence = svc.sessionAffinity() == SessionAffinity.CLIENT_IP
          ? svc.affinityTimeout().toSeconds() : 0;
      String proto = svc.protocol();
      servers.add(new VirtualServer(proto, svc.clusterIp(), svc.port(), scheduler, persistence,
          cluster, svc.name()));
      dummy.add(svc.clusterIp());
      sets.clusterIp(svc);
      all.stream().filter(e -> e.nodeName().equals(state.nodeName()))
          .forEach(e -> sets.loopBack(e, proto));
      for (String ip : svc.externalIps()) {
        servers.add(new VirtualServer(proto, ip, svc.port(), scheduler, persistence, external,
            svc.name()));
        dummy.add(ip);
        sets.externalIp(ip, svc);
      }
      for (String ip : svc.loadBalancerIps()) {
        servers.add(new VirtualServer(proto, ip, svc.port(), scheduler, persistence, external,
            svc.name()));
        dummy.add(ip);
        sets.loadBalancer(ip, svc);
      }
      if (svc.type().hasNodePort()) {
        for (String ip : nodeIps) {
          servers.add(new VirtualServer(proto, ip, svc.nodePort(), scheduler, persistence,
              external, svc.name()));
        }
        sets.nodePort(svc, nodeIps);
      }
    }
    // one virtual server per address, protocol and port: a duplicate (an external IP equal to an
    // LB IP, say) would make ipvsadm-restore fail; the first service port keeps it
    java.util.Map<String, VirtualServer> unique = new java.util.TreeMap<>();
    servers.stream().sorted(Comparator.comparing((VirtualServer v) -> v.service().toString()))
        .forEach(v -> unique.putIfAbsent(v.protocol() + " " + v.address(), v));
    List<VirtualServer> sorted = new ArrayList<>(unique.values());
    sorted.sort(Comparator.comparing(VirtualServer::ip).thenComparing(VirtualServer::protocol)
        .thenComparingInt(VirtualServer::port));
    return new IpvsModel(sorted, sets.sorted(), List.copyOf(dummy));
  }
}
