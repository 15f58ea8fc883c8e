package io.capstan.plugins.proxy.iptables;

import io.capstan.spi.proxy.EndpointInfo;
import io.capstan.spi.proxy.ProxyState;
import io.capstan.spi.proxy.ServiceInfo;
import io.capstan.spi.proxy.SessionAffinity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link ProxyState} as one {@code iptables-restore --noflush} input, laid out as
 * kube-proxy's {@code syncProxyRules} lays it out: a filter section (REJECT for services without
 * endpoints, the forward rules) and a nat section (KUBE-SERVICES capture, KUBE-NODEPORTS,
 * KUBE-EXT for outside traffic, KUBE-SVC/KUBE-SVL dispatch with kube-proxy's probability sequence
 * and ClientIP affinity through {@code -m recent}, KUBE-SEP DNAT per endpoint, masquerading).
 * A pure function: equal states render equal text.
 */
final class IptablesRuleset {

  private IptablesRuleset() {}

  static String render(ProxyState state, IptablesProxyConfig config) {
    String mark = config.mark() + "/" + config.mark();
    List<ServiceInfo> services = new ArrayList<>(state.services().values());
    services.sort(Comparator.comparing((ServiceInfo s) -> s.name().toString()).thenComparing(ServiceInfo::protocol));

    Section filter = new Section("filter");
    filter.declare("KUBE-SERVICES", "KUBE-EXTERNAL-SERVICES", "KUBE-FORWARD", "KUBE-NODEPORTS", "KUBE-PROXY-FIREWALL");
    Section nat = new Section("nat");
    nat.declare("KUBE-SERVICES", "KUBE-NODEPORTS", "KUBE-POSTROUTING", "KUBE-MARK-MASQ");
    nat.rule("-A KUBE-POSTROUTING -m mark ! --mark " + mark + " -j RETURN");
    nat.rule("-A KUBE-POSTROUTING -j MARK --xor-mark " + config.mark());
    nat.rule("-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE --random-fully");
    nat.rule("-A KUBE-MARK-MASQ -j MARK --or-mark " + config.mark());

    List<String> serviceRules = new ArrayList<>();
    List<String> nodePortRules = new ArrayList<>();
    List<String> chainRules = new ArrayList<>();
    for (ServiceInfo service : services) {
      List<EndpointInfo> endpoints = state.usableEndpoints(service.name());
      String proto = service.protocol().toLowerCase(Locale.ROOT);
      String match = "-m " + proto + " -p " + proto;
      String name = service.name().toString();
      if (endpoints.isEmpty()) {
        reject(filter, service, match, name);
        continue;
      }
      String svc = ChainNames.service(service.name(), service.protocol());
      boolean external = service.type().hasNodePort() || !service.externalIps().isEmpty() || !service.loadBalancerIps().isEmpty();
      String ext = ChainNames.external(service.name(), service.protocol());
      nat.declare(svc);
      if (external) {
        nat.declare(ext);
      }
      serviceRules.add("-A KUBE-SERVICES -m comment --comment \"" + name + " cluster IP\" " + match + " -d " + service.clusterIp()
          + " --dport " + service.port() + " -j " + svc);
      for (String ip : service.externalIps()) {
        serviceRules.add("-A KUBE-SERVICES -m comment --comment \"" + name + " external IP\" " + match + " -d " + ip
            + " --dport " + service.port() + " -j " + ext);
      }
      for (String ip : service.loadBalancerIps()) {
        serviceRules.add("-A KUBE-SERVICES -m comment --comment \"" + name + " loadbalancer IP\" " + match + " -d " + ip
            + " --dport " + service.port() + " -j " + ext);
      }
      if (service.type().hasNodePort()) {
        nodePortRules.add("-A KUBE-NODEPORTS -m comment --comment " + name + " " + match + " --dport " + service.nodePort()
            + " -j " + ext);
      }
      if (external) {
        externalChain(nat, filter, chainRules, service, endpoints, ext, svc, name, state.nodeName());
      }
      chainRules.add("-A " + svc + " -m comment --comment \"" + name + " cluster IP\" " + match + " -d " + service.clusterIp()
          + " --dport " + service.port() + " ! -s " + config.clusterCidr() + " -j KUBE-MARK-MASQ");
      dispatch(chainRules, svc, service, endpoints, name);
      for (EndpointInfo endpoint : endpoints) {
        String sep = ChainNames.endpoint(service.name(), service.protocol(), endpoint);
        nat.declare(sep);
        chainRules.add("-A " + sep + " -m comment --comment " + name + " -s " + endpoint.ip() + " -j KUBE-MARK-MASQ");
        String affinity = service.sessionAffinity() == SessionAffinity.CLIENT_IP ? " -m recent --name " + sep + " --set" : "";
        chainRules.add("-A " + sep + " -m comment --comment " + name + affinity + " " + match + " -j DNAT --to-destination "
            + endpoint.address());
      }
    }
    serviceRules.forEach(nat::rule);
    nat.rule("-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports; NOTE: this must be the last rule in this "
        + "chain\" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS");
    nodePortRules.forEach(nat::rule);
    chainRules.forEach(nat::rule);
    filter.rule("-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP");
    filter.rule("-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding rules\" -m mark --mark " + mark + " -j ACCEPT");
    filter.rule("-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding conntrack rule\" -m conntrack --ctstate "
        + "RELATED,ESTABLISHED -j ACCEPT");
    return filter.text() + nat.text();
  }

  /** kube-proxy's REJECT of a service port without endpoints, at its cluster IP and node port. */
  private static void reject(Section filter, ServiceInfo service, String match, String name) {
    filter.rule("-A KUBE-SERVICES -m comment --comment \"" + name + " has no endpoints\" " + match + " -d " + service.clusterIp()
        + " --dport " + service.port() + " -j REJECT");
    if (service.type().hasNodePort()) {
      filter.rule("-A KUBE-EXTERNAL-SERVICES -m comment --comment \"" + name + " has no endpoints\" -m addrtype --dst-type "
          + "LOCAL " + match + " --dport " + service.nodePort() + " -j REJECT");
    }
  }

  /**
   * Traffic from outside the cluster: with Cluster policy it is masqueraded and dispatched like
   * cluster traffic; with Local policy it goes only to this node's endpoints (KUBE-SVL).
   */
  private static void externalChain(Section nat, Section filter, List<String> rules, ServiceInfo service,
      List<EndpointInfo> endpoints, String ext, String svc, String name, String nodeName) {
    if (!service.externalTrafficLocal()) {
      rules.add("-A " + ext + " -m comment --comment \"masquerade traffic for " + name + " external destinations\" "
          + "-j KUBE-MARK-MASQ");
      rules.add("-A " + ext + " -j " + svc);
      return;
    }
    String svl = ChainNames.local(service.name(), service.protocol());
    nat.declare(svl);
    rules.add("-A " + ext + " -j " + svl);
    List<EndpointInfo> local = endpoints.stream().filter(e -> e.nodeName().equals(nodeName)).toList();
    if (local.isEmpty()) {
      // nothing to DNAT to here: the packet stays addressed to this node and the filter table drops it
      if (service.type().hasNodePort()) {
        String proto = service.protocol().toLowerCase(Locale.ROOT);
        filter.rule("-A KUBE-EXTERNAL-SERVICES -m comment --comment \"" + name + " has no local endpoints\" -m addrtype "
            + "--dst-type LOCAL -m " + proto + " -p " + proto + " --dport " + service.nodePort() + " -j DROP");
      }
    } else {
      dispatch(rules, svl, service, local, name);
    }
  }

  /** Affinity checks, then kube-proxy's statistic sequence 1/n, 1/(n-1), ..., then the catch-all. */
  private static void dispatch(List<String> rules, String chain, ServiceInfo service, List<EndpointInfo> endpoints,
      String name) {
    if (service.sessionAffinity() == SessionAffinity.CLIENT_IP) {
      for (EndpointInfo endpoint : endpoints) {
        String sep = ChainNames.endpoint(service.name(), service.protocol(), endpoint);
        rules.add("-A " + chain + " -m comment --comment \"" + name + " -> " + endpoint.address() + "\" -m recent --name "
            + sep + " --rcheck --seconds " + service.affinityTimeout().toSeconds() + " --reap -j " + sep);
      }
    }
    int n = endpoints.size();
    for (int i = 0; i < n; i++) {
      EndpointInfo endpoint = endpoints.get(i);
      String sep = ChainNames.endpoint(service.name(), service.protocol(), endpoint);
      String probability = i < n - 1
          ? " -m statistic --mode random --probability " + String.format(Locale.ROOT, "%.10f", 1.0 / (n - i)) : "";
      rules.add("-A " + chain + " -m comment --comment \"" + name + " -> " + endpoint.address() + "\"" + probability + " -j "
          + sep);
    }
  }

  /** One table of the restore input: chain declarations first, then rules, then COMMIT. */
  private static final class Section {
    private final String table;
    private final List<String> chains = new ArrayList<>();
    private final List<String> rules = new ArrayList<>();

    Section(String table) {
      this.table = table;
    }

    void declare(String... names) {
      for (String name : names) {
        if (!chains.contains(name)) {
          chains.add(name);
        }
      }
    }

    void rule(String rule) {
      rules.add(rule);
    }

    String text() {
      StringBuilder out = new StringBuilder("*").append(table).append('\n');
      chains.forEach(c -> out.append(':').append(c).append(" - [0:0]\n"));
      rules.forEach(r -> out.append(r).append('\n'));
      return out.append("COMMIT\n").toString();
    }
  }
}
