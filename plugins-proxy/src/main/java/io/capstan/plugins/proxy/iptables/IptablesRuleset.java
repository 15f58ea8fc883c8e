package io.capstan.plugins.proxy.iptables;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.proxy.EndpointInfo;
import io.capstan.spi.proxy.ProxyState;
import io.capstan.spi.proxy.ServiceInfo;
import io.capstan.spi.proxy.ServicePortName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a {@link ProxyState} as one {@code iptables-restore --noflush} input, laid out as
 * kube-proxy's {@code syncProxyRules} lays it out: a filter section (REJECT for services without
 * endpoints, the forward rules) and a nat section (KUBE-SERVICES capture, KUBE-NODEPORTS,
 * KUBE-EXT for outside traffic, KUBE-SVC/KUBE-SVL dispatch with kube-proxy's probability sequence
 * and ClientIP affinity through {@code -m recent}, KUBE-SEP DNAT per endpoint, masquerading).
 *
 * <p>Incremental, as kube-proxy since KEP-3453: each service port's rules are rendered once
 * ({@link ServiceRules}) and reused while its Service, endpoints and node are unchanged, and each
 * render also yields the <em>partial</em> input that rewrites only the chains of the service ports
 * changed since the previous render (KUBE-SERVICES, KUBE-NODEPORTS and the filter table are always
 * whole); chains gone since the previous render are flushed and deleted ({@code -X}) in both. Past
 * 1,000 endpoints in total it drops the per-endpoint comments, as kube-proxy's large-cluster mode.
 * Equal states render equal full text. Not thread-safe: the proxy's one sync thread calls it.
 */
final class IptablesRuleset {

  /** kube-proxy's {@code largeClusterEndpointsThreshold}. */
  static final int LARGE_CLUSTER_ENDPOINTS = 1000;

  /**
   * One render.
   *
   * @param full the whole ruleset
   * @param partial the same, with only the changed service ports' chains
   * @param changedServicePorts how many service ports were rendered anew
   */
  record Rendered(String full, String partial, int changedServicePorts) {}

  private final IptablesProxyConfig config;
  private final String mark;
  private Map<ServicePortName, ServiceRules> cache = new HashMap<>();
  private Set<String> previousChains = Set.of();

  IptablesRuleset(IptablesProxyConfig config) {
    this.config = requireNonNull(config, "config");
    this.mark = config.mark() + "/" + config.mark();
  }

  /** The full text of {@code state}, rendered from scratch. */
  static String render(ProxyState state, IptablesProxyConfig config) {
    return new IptablesRuleset(config).render(state).full();
  }

  Rendered render(ProxyState state) {
    List<ServiceInfo> services = new ArrayList<>(state.services().values());
    services.sort(Comparator.comparing((ServiceInfo s) -> s.name().toString()).thenComparing(ServiceInfo::protocol));
    List<List<EndpointInfo>> endpoints = new ArrayList<>(services.size());
    long total = 0;
    for (ServiceInfo service : services) {
      List<EndpointInfo> usable = state.usableEndpoints(service.name());
      endpoints.add(usable);
      total += usable.size();
    }
    boolean large = total > LARGE_CLUSTER_ENDPOINTS;

    Map<ServicePortName, ServiceRules> next = new HashMap<>(services.size() * 2);
    Set<String> chains = new HashSet<>(services.size() * 8);
    StringBuilder filter = new StringBuilder();
    StringBuilder declarations = new StringBuilder();
    StringBuilder changedDeclarations = new StringBuilder();
    StringBuilder serviceRules = new StringBuilder();
    StringBuilder nodePortRules = new StringBuilder();
    StringBuilder chainRules = new StringBuilder();
    StringBuilder changedChainRules = new StringBuilder();
    int changed = 0;
    for (int i = 0; i < services.size(); i++) {
      ServiceInfo service = services.get(i);
      ServiceRules rules = cache.get(service.name());
      boolean fresh = rules == null || !rules.renders(service, endpoints.get(i), state.nodeName(), large);
      if (fresh) {
        rules = ServiceRules.of(service, endpoints.get(i), state.nodeName(), large, config);
        changed++;
      }
      next.put(service.name(), rules);
      filter.append(rules.filter());
      serviceRules.append(rules.services());
      nodePortRules.append(rules.nodePorts());
      String declared = declareOnce(rules, chains);
      declarations.append(declared);
      chainRules.append(rules.chains());
      if (fresh) {
        changedDeclarations.append(declared);
        changedChainRules.append(rules.chains());
      }
    }
    StringBuilder stale = new StringBuilder();
    StringBuilder deletions = new StringBuilder();
    for (String chain : previousChains) {
      if (!chains.contains(chain)) {
        stale.append(':').append(chain).append(" - [0:0]\n");
        deletions.append("-X ").append(chain).append('\n');
      }
    }
    cache = next;
    previousChains = chains;

    String filterText = "*filter\n"
        + ":KUBE-SERVICES - [0:0]\n:KUBE-EXTERNAL-SERVICES - [0:0]\n:KUBE-FORWARD - [0:0]\n:KUBE-NODEPORTS - [0:0]\n"
        + ":KUBE-PROXY-FIREWALL - [0:0]\n"
        + filter
        + "-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP\n"
        + "-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding rules\" -m mark --mark " + mark + " -j ACCEPT\n"
        + "-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding conntrack rule\" -m conntrack --ctstate "
        + "RELATED,ESTABLISHED -j ACCEPT\n"
        + "COMMIT\n";
    String natHead = "*nat\n:KUBE-SERVICES - [0:0]\n:KUBE-NODEPORTS - [0:0]\n:KUBE-POSTROUTING - [0:0]\n:KUBE-MARK-MASQ - [0:0]\n";
    String natBase = "-A KUBE-POSTROUTING -m mark ! --mark " + mark + " -j RETURN\n"
        + "-A KUBE-POSTROUTING -j MARK --xor-mark " + config.mark() + "\n"
        + "-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE --random-fully\n"
        + "-A KUBE-MARK-MASQ -j MARK --or-mark " + config.mark() + "\n";
    String tail = "-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports; NOTE: this must be the last rule in "
        + "this chain\" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS\n";
    String full = concat(filterText, natHead, declarations, stale, natBase, serviceRules, tail, nodePortRules, chainRules,
        deletions, "COMMIT\n");
    String partial = concat(filterText, natHead, changedDeclarations, stale, natBase, serviceRules, tail, nodePortRules,
        changedChainRules, deletions, "COMMIT\n");
    return new Rendered(full, partial, changed);
  }

  /** The fragment's chain declarations, without chains another service port declared already. */
  private static String declareOnce(ServiceRules rules, Set<String> chains) {
    List<String> fresh = new ArrayList<>(rules.chainNames().size());
    for (String chain : rules.chainNames()) {
      if (chains.add(chain)) {
        fresh.add(chain);
      }
    }
    if (fresh.size() == rules.chainNames().size()) {
      return rules.declarations();
    }
    StringBuilder out = new StringBuilder();
    fresh.forEach(chain -> out.append(':').append(chain).append(" - [0:0]\n"));
    return out.toString();
  }

  private static String concat(CharSequence... parts) {
    int length = 0;
    for (CharSequence part : parts) {
      length += part.length();
    }
    StringBuilder out = new StringBuilder(length);
    for (CharSequence part : parts) {
      out.append(part);
    }
    return out.toString();
  }
}
