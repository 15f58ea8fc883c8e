package io.capstan.plugins.proxy.iptables;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.proxy.EndpointInfo;
import io.capstan.spi.proxy.ProxyState;
import io.capstan.spi.proxy.ServiceInfo;
import io.capstan.spi.proxy.ServicePortName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
   * @param rules every service port's rules, in output order
   * @param fresh which of {@code rules} were rendered anew (changed since the previous render)
   * @param deleted the chains gone since the previous render (flushed and deleted by both inputs)
   * @param text the fixed parts of the input (heads, base rules), for {@link ApplyInput}
   * @param unchanged whether the rules are those of the previous render (only then is nothing to apply)
   */
  record Rendered(String full, String partial, int changedServicePorts, ServiceRules[] rules, boolean[] fresh,
      List<String> deleted, Fixed text, boolean unchanged) {

    /** Every service port chain (KUBE-SVC/EXT/SVL/SEP) of this render. */
    java.util.Set<String> ownChains() {
      java.util.Set<String> all = new java.util.HashSet<>();
      for (ServiceRules r : rules) {
        all.addAll(r.chainNames());
      }
      return all;
    }
  }

  /** The parts of the input that do not depend on the services. */
  record Fixed(String filterHead, String filterRules, String natHead, String natBase, String nodePortsJump) {}

  private final IptablesProxyConfig config;
  private final Fixed fixed;
  private Map<ServicePortName, ServiceRules> cache = new HashMap<>();
  /**
   * The full text of the previous render when it deleted no chains, returned as is when nothing
   * changed since (the periodic resync); null otherwise.
   */
  private String previousFull;

  IptablesRuleset(IptablesProxyConfig config) {
    this.config = requireNonNull(config, "config");
    String mark = config.mark() + "/" + config.mark();
    this.fixed = new Fixed("*filter\n"
        + ":KUBE-SERVICES - [0:0]\n:KUBE-EXTERNAL-SERVICES - [0:0]\n:KUBE-FORWARD - [0:0]\n:KUBE-NODEPORTS - [0:0]\n"
        + ":KUBE-PROXY-FIREWALL - [0:0]\n",
        "-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP\n"
        + "-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding rules\" -m mark --mark " + mark + " -j ACCEPT\n"
        + "-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding conntrack rule\" -m conntrack --ctstate "
        + "RELATED,ESTABLISHED -j ACCEPT\n",
        ":KUBE-SERVICES - [0:0]\n:KUBE-NODEPORTS - [0:0]\n:KUBE-POSTROUTING - [0:0]\n:KUBE-MARK-MASQ - [0:0]\n",
        "-A KUBE-POSTROUTING -m mark ! --mark " + mark + " -j RETURN\n"
        + "-A KUBE-POSTROUTING -j MARK --xor-mark " + config.mark() + "\n"
        + "-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE --random-fully\n"
        + "-A KUBE-MARK-MASQ -j MARK --or-mark " + config.mark() + "\n",
        "-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports; NOTE: this must be the last "
        + "rule in this chain\" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS\n");
  }

  /** The full text of {@code state}, rendered from scratch. */
  static String render(ProxyState state, IptablesProxyConfig config) {
    return new IptablesRuleset(config).render(state).full();
  }

  Rendered render(ProxyState state) {
    int size = state.services().size();
    ServiceInfo[] services = new ServiceInfo[size];
    String[] sortKeys = new String[size];
    Integer[] order = new Integer[size];
    int k = 0;
    for (ServiceInfo service : state.services().values()) {
      services[k] = service;
      sortKeys[k] = service.name() + "\0" + service.protocol();
      order[k] = k;
      k++;
    }
    java.util.Arrays.sort(order, Comparator.comparing(i -> sortKeys[i]));
    List<List<EndpointInfo>> endpoints = new ArrayList<>(size);
    long total = 0;
    for (int i = 0; i < size; i++) {
      List<EndpointInfo> usable = state.usableEndpoints(services[order[i]].name());
      endpoints.add(usable);
      total += usable.size();
    }
    boolean large = total > LARGE_CLUSTER_ENDPOINTS;

    Map<ServicePortName, ServiceRules> next = new HashMap<>(size * 2);
    ServiceRules[] rules = new ServiceRules[size];
    boolean[] fresh = new boolean[size];
    int changed = 0;
    for (int i = 0; i < size; i++) {
      ServiceInfo service = services[order[i]];
      ServiceRules r = cache.get(service.name());
      if (r == null || !r.renders(service, endpoints.get(i), state.nodeName(), large)) {
        r = ServiceRules.of(service, endpoints.get(i), state.nodeName(), large, config);
        fresh[i] = true;
        changed++;
      }
      rules[i] = r;
      next.put(service.name(), r);
    }
    // chains gone since the previous render: those of replaced or removed service ports that the
    // new rules of the same service port do not declare again (chain names hash the service port,
    // so no other service port can declare them)
    StringBuilder stale = new StringBuilder();
    StringBuilder deletions = new StringBuilder();
    List<String> deleted = new ArrayList<>();
    for (var old : cache.entrySet()) {
      ServiceRules now = next.get(old.getKey());
      if (now == old.getValue()) {
        continue;
      }
      for (String chain : old.getValue().chainNames()) {
        if (now == null || !now.chainNames().contains(chain)) {
          stale.append(':').append(chain).append(" - [0:0]\n");
          deletions.append("-X ").append(chain).append('\n');
          deleted.add(chain);
        }
      }
    }
    boolean unchanged = changed == 0 && stale.length() == 0 && next.size() == cache.size();
    cache = next;
    // nothing changed (the periodic resync): the previous full text, not assembled again
    String full = unchanged && previousFull != null ? previousFull : assemble(rules, null, fixed, stale, deletions);
    String partial = assemble(rules, fresh, fixed, stale, deletions);
    previousFull = deletions.length() == 0 ? full : null;
    return new Rendered(full, partial, changed, rules, fresh, List.copyOf(deleted), fixed, unchanged);
  }

  /**
   * One restore input in kube-proxy's order, built in one exactly sized buffer (growing a buffer of
   * tens of megabytes by doubling was the largest cost of a 10,000-service render).
   *
   * @param only the service ports whose own chains are written; null for all
   */
  private static String assemble(ServiceRules[] rules, boolean[] only, Fixed fixed, CharSequence stale,
      CharSequence deletions) {
    long length = fixed.filterHead().length() + fixed.filterRules().length() + "COMMIT\n*nat\n".length()
        + fixed.natHead().length() + fixed.natBase().length() + fixed.nodePortsJump().length() + stale.length()
        + deletions.length() + "COMMIT\n".length();
    for (int i = 0; i < rules.length; i++) {
      ServiceRules r = rules[i];
      length += r.filter().length() + r.services().length() + r.nodePorts().length();
      if (only == null || only[i]) {
        length += r.declarations().length() + r.dispatch().length() + r.endpointChains().length();
      }
    }
    if (length > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("the iptables ruleset would exceed 2 GB (" + length + " characters)");
    }
    StringBuilder out = new StringBuilder((int) length);
    out.append(fixed.filterHead());
    for (ServiceRules r : rules) {
      out.append(r.filter());
    }
    out.append(fixed.filterRules()).append("COMMIT\n*nat\n").append(fixed.natHead());
    for (int i = 0; i < rules.length; i++) {
      if (only == null || only[i]) {
        out.append(rules[i].declarations());
      }
    }
    out.append(stale).append(fixed.natBase());
    for (ServiceRules r : rules) {
      out.append(r.services());
    }
    out.append(fixed.nodePortsJump());
    for (ServiceRules r : rules) {
      out.append(r.nodePorts());
    }
    for (int i = 0; i < rules.length; i++) {
      if (only == null || only[i]) {
        out.append(rules[i].dispatch()).append(rules[i].endpointChains());
      }
    }
    return out.append(deletions).append("COMMIT\n").toString();
  }
}
