package io.capstan.plugins.proxy.ipvs;

import java.util.List;

/**
 * The small nat-table ruleset kube-proxy's ipvs proxier keeps beside the virtual servers. Its size
 * does not grow with the number of services: the rules match the ipsets. Applied with
 * {@code iptables-restore --noflush}, so only kube-proxy's own chains are replaced; the jumps from
 * the built-in chains are {@link #JUMPS}, ensured one by one.
 */
final class IptablesCompanion {

  /** Built-in chain and the rule that jumps from it into kube-proxy's chains. */
  static final List<List<String>> JUMPS = List.of(
      List.of("PREROUTING", "-m", "comment", "--comment", "kubernetes service portals", "-j",
          "KUBE-SERVICES"),
      List.of("OUTPUT", "-m", "comment", "--comment", "kubernetes service portals", "-j",
          "KUBE-SERVICES"),
      List.of("POSTROUTING", "-m", "comment", "--comment", "kubernetes postrouting rules", "-j",
          "KUBE-POSTROUTING"));

  private IptablesCompanion() {}

  static String render(IpvsModel model, IpvsMasquerade masq) {
    StringBuilder out = new StringBuilder("*nat\n");
    for (String chain : List.of("KUBE-SERVICES", "KUBE-POSTROUTING", "KUBE-NODE-PORT",
        "KUBE-LOAD-BALANCER", "KUBE-MARK-MASQ")) {
      out.append(':').append(chain).append(" - [0:0]\n");
    }
    String mark = masq.mark();
    String clusterIp = "-A KUBE-SERVICES -m comment --comment \"Kubernetes service cluster ip + port "
        + "for masquerade purpose\" -m set --match-set KUBE-CLUSTER-IP dst,dst";
    if (masq.masqueradeAll()) {
      out.append(clusterIp).append(" -j KUBE-MARK-MASQ\n");
    } else if (!masq.clusterCidr().isEmpty()) {
      out.append(clusterIp).append(" ! -s ").append(masq.clusterCidr())
          .append(" -j KUBE-MARK-MASQ\n");
    }
    if (nonEmpty(model, "KUBE-EXTERNAL-IP")) {
      if (nonEmpty(model, "KUBE-EXTERNAL-IP-LOCAL")) {
        out.append("-A KUBE-SERVICES -m comment --comment \"Kubernetes service external ip + port "
            + "with externalTrafficPolicy=local\" -m set --match-set KUBE-EXTERNAL-IP-LOCAL dst,dst "
            + "-j ACCEPT\n");
      }
      out.append("-A KUBE-SERVICES -m comment --comment \"Kubernetes service external ip + port for "
          + "masquerade and filter purpose\" -m set --match-set KUBE-EXTERNAL-IP dst,dst "
          + "-j KUBE-MARK-MASQ\n");
    }
    if (nonEmpty(model, "KUBE-LOAD-BALANCER")) {
      out.append("-A KUBE-SERVICES -m comment --comment \"Kubernetes service lb portal\" -m set "
          + "--match-set KUBE-LOAD-BALANCER dst,dst -j KUBE-LOAD-BALANCER\n");
      if (nonEmpty(model, "KUBE-LOAD-BALANCER-LOCAL")) {
        out.append("-A KUBE-LOAD-BALANCER -m comment --comment \"Kubernetes service load balancer "
            + "ip + port with externalTrafficPolicy=local\" -m set --match-set "
            + "KUBE-LOAD-BALANCER-LOCAL dst,dst -j RETURN\n");
      }
      out.append("-A KUBE-LOAD-BALANCER -j KUBE-MARK-MASQ\n");
    }
    out.append("-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT\n");
    for (String proto : List.of("TCP", "UDP")) {
      String lower = proto.toLowerCase(java.util.Locale.ROOT);
      if (nonEmpty(model, "KUBE-NODE-PORT-LOCAL-" + proto)) {
        out.append("-A KUBE-NODE-PORT -p ").append(lower).append(" -m comment --comment "
            + "\"Kubernetes nodeport ").append(proto).append(" port with externalTrafficPolicy=local\" "
            + "-m set --match-set KUBE-NODE-PORT-LOCAL-").append(proto).append(" dst -j RETURN\n");
      }
      if (nonEmpty(model, "KUBE-NODE-PORT-" + proto)) {
        out.append("-A KUBE-NODE-PORT -p ").append(lower).append(" -m comment --comment "
            + "\"Kubernetes nodeport ").append(proto).append(" port for masquerade purpose\" "
            + "-m set --match-set KUBE-NODE-PORT-").append(proto).append(" dst -j KUBE-MARK-MASQ\n");
      }
    }
    out.append("-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT\n");
    if (nonEmpty(model, "KUBE-LOAD-BALANCER")) {
      out.append("-A KUBE-SERVICES -m set --match-set KUBE-LOAD-BALANCER dst,dst -j ACCEPT\n");
    }
    out.append("-A KUBE-POSTROUTING -m comment --comment \"Kubernetes endpoints dst ip:port, source "
        + "ip for solving hairpin purpose\" -m set --match-set KUBE-LOOP-BACK dst,dst,src "
        + "-j MASQUERADE\n");
    out.append("-A KUBE-POSTROUTING -m mark ! --mark ").append(mark).append('/').append(mark)
        .append(" -j RETURN\n");
    out.append("-A KUBE-POSTROUTING -j MARK --xor-mark ").append(mark).append('\n');
    out.append("-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring "
        + "SNAT\" -j MASQUERADE --random-fully\n");
    out.append("-A KUBE-MARK-MASQ -j MARK --or-mark ").append(mark).append('\n');
    out.append("COMMIT\n");
    return out.toString();
  }

  private static boolean nonEmpty(IpvsModel model, String set) {
    return !model.sets().getOrDefault(set, List.of()).isEmpty();
  }
}
