package io.capstan.plugins.proxy.iptables;

import io.capstan.spi.proxy.EndpointInfo;
import io.capstan.spi.proxy.ServiceInfo;
import io.capstan.spi.proxy.SessionAffinity;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of one service port, rendered once and reused while its inputs are equal: its lines in
 * the filter table, in KUBE-SERVICES and KUBE-NODEPORTS, and its own chains with their declarations:
 * the dispatch chains (KUBE-EXT, KUBE-SVC, KUBE-SVL) and the endpoint chains (KUBE-SEP), kept apart
 * so that {@link ApplyInput} can order them for iptables-restore; {@code dispatch + endpointChains}
 * is kube-proxy's order. In large-cluster mode only the endpoints that need one get a KUBE-SEP chain
 * ({@code needsChain}); the others are DNATed from the dispatch rule.
 *
 * @param service the service port rendered
 * @param endpoints its usable endpoints
 * @param nodeName this node (for Local traffic policy)
 * @param large whether kube-proxy's large-cluster mode (no per-endpoint comments) applied
 */
record ServiceRules(ServiceInfo service, List<EndpointInfo> endpoints, String nodeName, boolean large,
    String filter, String services, String nodePorts, List<String> chainNames, String declarations, String dispatch,
    String endpointChains) {

  /** Whether these rules are what {@link #of} would render for the same inputs. */
  boolean renders(ServiceInfo otherService, List<EndpointInfo> otherEndpoints, String otherNode, boolean otherLarge) {
    return large == otherLarge && nodeName.equals(otherNode) && service.equals(otherService)
        && endpoints.equals(otherEndpoints);
  }

  static ServiceRules of(ServiceInfo service, List<EndpointInfo> endpoints, String nodeName, boolean large,
      IptablesProxyConfig config) {
    return new Builder(service, endpoints, nodeName, large, config).build();
  }

  private static final class Builder {
    private final ServiceInfo service;
    private final List<EndpointInfo> endpoints;
    private final String nodeName;
    private final boolean large;
    private final IptablesProxyConfig config;
    private final String name;
    private final String match;
    private final StringBuilder filter = new StringBuilder();
    private final StringBuilder services = new StringBuilder();
    private final StringBuilder nodePorts = new StringBuilder();
    private final StringBuilder chains = new StringBuilder(512);
    private final StringBuilder endpointChains = new StringBuilder(1024);
    private final java.util.LinkedHashSet<String> chainNames = new java.util.LinkedHashSet<>();
    private String[] seps;
    private String[] addresses;

    Builder(ServiceInfo service, List<EndpointInfo> endpoints, String nodeName, boolean large, IptablesProxyConfig config) {
      this.service = service;
      this.endpoints = List.copyOf(endpoints);
      this.nodeName = nodeName;
      this.large = large;
      this.config = config;
      this.name = service.name().toString();
      String proto = ChainNames.lowerProtocol(service.protocol());
      this.match = "-m " + proto + " -p " + proto;
    }

    ServiceRules build() {
      if (endpoints.isEmpty()) {
        reject();
      } else {
        render();
      }
      StringBuilder declarations = new StringBuilder(chainNames.size() * 32);
      chainNames.forEach(c -> declarations.append(':').append(c).append(" - [0:0]\n"));
      return new ServiceRules(service, endpoints, nodeName, large, filter.toString(), services.toString(),
          nodePorts.toString(), List.copyOf(chainNames), declarations.toString(), chains.toString(),
          endpointChains.toString());
    }

    /** kube-proxy's REJECT of a service port without endpoints, at its cluster IP and node port. */
    private void reject() {
      filter.append("-A KUBE-SERVICES -m comment --comment \"").append(name).append(" has no endpoints\" ").append(match)
          .append(" -d ").append(service.clusterIp()).append(" --dport ").append(service.port()).append(" -j REJECT\n");
      if (service.type().hasNodePort()) {
        filter.append("-A KUBE-EXTERNAL-SERVICES -m comment --comment \"").append(name)
            .append(" has no endpoints\" -m addrtype --dst-type LOCAL ").append(match).append(" --dport ")
            .append(service.nodePort()).append(" -j REJECT\n");
      }
    }

    private void render() {
      String hash = ChainNames.hash(name + ChainNames.lowerProtocol(service.protocol()));
      String svc = "KUBE-SVC-" + hash;
      String ext = "KUBE-EXT-" + hash;
      seps = new String[endpoints.size()];
      addresses = new String[endpoints.size()];
      String portProto = name + ChainNames.lowerProtocol(service.protocol());
      boolean affinity = service.sessionAffinity() == SessionAffinity.CLIENT_IP;
      for (int i = 0; i < seps.length; i++) {
        addresses[i] = endpoints.get(i).address();
        seps[i] = needsChain(endpoints.get(i), affinity) ? "KUBE-SEP-" + ChainNames.hash(portProto + addresses[i]) : null;
      }
      boolean external = service.type().hasNodePort() || !service.externalIps().isEmpty()
          || !service.loadBalancerIps().isEmpty();
      chainNames.add(svc);
      if (external) {
        chainNames.add(ext);
      }
      services.append("-A KUBE-SERVICES -m comment --comment \"").append(name).append(" cluster IP\" ").append(match)
          .append(" -d ").append(service.clusterIp()).append(" --dport ").append(service.port()).append(" -j ").append(svc)
          .append('\n');
      for (String ip : service.externalIps()) {
        services.append("-A KUBE-SERVICES -m comment --comment \"").append(name).append(" external IP\" ").append(match)
            .append(" -d ").append(ip).append(" --dport ").append(service.port()).append(" -j ").append(ext).append('\n');
      }
      for (String ip : service.loadBalancerIps()) {
        services.append("-A KUBE-SERVICES -m comment --comment \"").append(name).append(" loadbalancer IP\" ").append(match)
            .append(" -d ").append(ip).append(" --dport ").append(service.port()).append(" -j ").append(ext).append('\n');
      }
      if (service.type().hasNodePort()) {
        nodePorts.append("-A KUBE-NODEPORTS -m comment --comment ").append(name).append(' ').append(match)
            .append(" --dport ").append(service.nodePort()).append(" -j ").append(ext).append('\n');
      }
      if (external) {
        externalChain(ext, svc, hash);
      }
      chains.append("-A ").append(svc).append(" -m comment --comment \"").append(name).append(" cluster IP\" ").append(match)
          .append(" -d ").append(service.clusterIp()).append(" --dport ").append(service.port()).append(" ! -s ")
          .append(config.clusterCidr()).append(" -j KUBE-MARK-MASQ\n");
      dispatch(svc, allIndexes());
      for (int i = 0; i < seps.length; i++) {
        if (seps[i] == null) {
          continue;
        }
        EndpointInfo endpoint = endpoints.get(i);
        chainNames.add(seps[i]);
        endpointChains.append("-A ").append(seps[i]);
        comment(endpointChains, name, false);
        endpointChains.append(" -s ").append(endpoint.ip()).append(" -j KUBE-MARK-MASQ\n");
        endpointChains.append("-A ").append(seps[i]);
        comment(endpointChains, name, false);
        if (affinity) {
          endpointChains.append(" -m recent --name ").append(seps[i]).append(" --set");
        }
        endpointChains.append(' ').append(match).append(" -j DNAT --to-destination ").append(addresses[i]).append('\n');
      }
    }

    /**
     * Whether the endpoint gets its own KUBE-SEP chain. kube-proxy gives every endpoint one, for
     * two rules: the hairpin masquerade ({@code -s <endpoint> -j KUBE-MARK-MASQ}, for a pod that
     * reaches itself through its Service) and the DNAT. In large-cluster mode, unless configured
     * otherwise, an endpoint on another node is DNATed from the dispatch rule instead: its hairpin
     * rule can never match here, since a pod's own packets are NATed on its own node (and outside
     * traffic reaching a node port here is masqueraded by KUBE-EXT or sent only to local endpoints),
     * so the packet path is the same without the chain. The chain stays for endpoints on this node,
     * on an unknown node (an Endpoints object written by hand), and under ClientIP affinity, whose
     * {@code -m recent} list is named after it. At 10,000 Services x 10 endpoints on 50 nodes this
     * takes the nat table from 110,000 chains to 12,000, and iptables-restore's time with it: its
     * cost grows with the chain count (libxtables' 512-bucket name table, libiptc's chain index).
     */
    private boolean needsChain(EndpointInfo endpoint, boolean affinity) {
      return !large || config.chainPerEndpoint() || affinity || endpoint.nodeName().isEmpty()
          || endpoint.nodeName().equals(nodeName);
    }

    /** kube-proxy's per-endpoint comment, left out in large-cluster mode. */
    private void comment(StringBuilder to, String text, boolean quoted) {
      if (!large) {
        to.append(" -m comment --comment ");
        if (quoted) {
          to.append('"').append(text).append('"');
        } else {
          to.append(text);
        }
      }
    }

    private int[] allIndexes() {
      int[] all = new int[endpoints.size()];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      return all;
    }

    /**
     * Traffic from outside the cluster: with Cluster policy it is masqueraded and dispatched like
     * cluster traffic; with Local policy it goes only to this node's endpoints (KUBE-SVL).
     */
    private void externalChain(String ext, String svc, String hash) {
      if (!service.externalTrafficLocal()) {
        chains.append("-A ").append(ext).append(" -m comment --comment \"masquerade traffic for ").append(name)
            .append(" external destinations\" -j KUBE-MARK-MASQ\n");
        chains.append("-A ").append(ext).append(" -j ").append(svc).append('\n');
        return;
      }
      String svl = "KUBE-SVL-" + hash;
      chainNames.add(svl);
      chains.append("-A ").append(ext).append(" -j ").append(svl).append('\n');
      int[] local = java.util.stream.IntStream.range(0, endpoints.size())
          .filter(i -> endpoints.get(i).nodeName().equals(nodeName)).toArray();
      if (local.length == 0) {
        // nothing to DNAT to here: the packet stays addressed to this node and the filter table drops it
        if (service.type().hasNodePort()) {
          filter.append("-A KUBE-EXTERNAL-SERVICES -m comment --comment \"").append(name)
              .append(" has no local endpoints\" -m addrtype --dst-type LOCAL ").append(match).append(" --dport ")
              .append(service.nodePort()).append(" -j DROP\n");
        }
      } else {
        dispatch(svl, local);
      }
    }

    /**
     * Affinity checks, then kube-proxy's statistic sequence 1/n, 1/(n-1), ..., then the catch-all;
     * each enters the endpoint's chain, or DNATs to it when it has none ({@link #needsChain}).
     *
     * <p>In large-cluster mode the endpoint chains are entered with {@code -g} (goto) rather than
     * {@code -j}: the same packets take the same path, because an endpoint chain always ends in its
     * DNAT rule, which matches every packet that reaches it (the protocol the service port's capture
     * rule already matched) and ends the nat traversal, so the chain never returns to the dispatch
     * rule. What differs is iptables-restore's cost: every {@code -j NAME} looks the name up in
     * libxtables' 512-bucket table of chain names, which at 100,000 endpoint chains is quadratic and
     * was about 40 % of a 10,000-Service restore's CPU time; a {@code -g NAME} is resolved through
     * libiptc's chain index only.
     */
    private void dispatch(String chain, int[] chosen) {
      String enter = large ? " -g " : " -j ";
      if (service.sessionAffinity() == SessionAffinity.CLIENT_IP) {
        for (int i : chosen) {
          chains.append("-A ").append(chain);
          comment(chains, name + " -> " + addresses[i], true);
          chains.append(" -m recent --name ").append(seps[i]).append(" --rcheck --seconds ")
              .append(service.affinityTimeout().toSeconds()).append(" --reap").append(enter).append(seps[i]).append('\n');
        }
      }
      int n = chosen.length;
      for (int k = 0; k < n; k++) {
        int i = chosen[k];
        chains.append("-A ").append(chain);
        comment(chains, name + " -> " + addresses[i], true);
        if (k < n - 1) {
          chains.append(" -m statistic --mode random --probability ").append(ChainNames.probability(n - k));
        }
        if (seps[i] == null) {
          chains.append(' ').append(match).append(" -j DNAT --to-destination ").append(addresses[i]).append('\n');
        } else {
          chains.append(enter).append(seps[i]).append('\n');
        }
      }
    }
  }
}
