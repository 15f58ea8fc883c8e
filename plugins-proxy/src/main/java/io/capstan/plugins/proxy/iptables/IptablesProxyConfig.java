package io.capstan.plugins.proxy.iptables;

import io.capstan.spi.plugin.InvalidConfigException;

/**
 * Settings of the {@code iptables} proxy mode under {@code proxy.iptables.*}.
 *
 * @param clusterCidr the pod network; traffic to a ClusterIP from outside it is masqueraded
 *     (kube-proxy's {@code --cluster-cidr}); default 10.244.0.0/16
 * @param masqueradeBit the fwmark bit that marks packets for SNAT; default 14 (mark 0x4000)
 * @param apply {@code auto} (apply with iptables-restore when the binary exists and we are root,
 *     else write the rules to {@code rulesFile}), {@code always} or {@code never}
 * @param rulesFile where the last rendered ruleset is written; default {@code proxy/iptables.rules}
 *     under the data directory (a relative path is taken from the working directory)
 * @param restoreCommand the iptables-restore binary; default {@code iptables-restore}
 * @param iptablesCommand the iptables binary for the jump rules in built-in chains; default {@code iptables}
 * @param saveCommand the iptables-save binary that lists what the kernel holds before the first apply
 *     (and after a failed one); default the iptables command with {@code -save} appended to its last
 *     word ({@code ip netns exec NS iptables-legacy} gives {@code ip netns exec NS iptables-legacy-save})
 * @param endpointChains {@code needed} (default): past kube-proxy's large-cluster threshold an
 *     endpoint gets its own KUBE-SEP chain only when a rule needs one (it runs on this node or on an
 *     unknown node, for the hairpin masquerade, or its Service has ClientIP affinity), the others are
 *     DNATed from the dispatch rule; {@code all}: a KUBE-SEP chain per endpoint, kube-proxy's layout
 */
public record IptablesProxyConfig(String clusterCidr, Integer masqueradeBit, String apply, String rulesFile,
    String restoreCommand, String iptablesCommand, String saveCommand, String endpointChains) {

  /** The settings with the save command derived from the iptables command. */
  public IptablesProxyConfig(String clusterCidr, Integer masqueradeBit, String apply, String rulesFile,
      String restoreCommand, String iptablesCommand) {
    this(clusterCidr, masqueradeBit, apply, rulesFile, restoreCommand, iptablesCommand, null, null);
  }

  public IptablesProxyConfig {
    clusterCidr = clusterCidr == null || clusterCidr.isBlank() ? "10.244.0.0/16" : clusterCidr;
    masqueradeBit = masqueradeBit == null ? 14 : masqueradeBit;
    apply = apply == null || apply.isBlank() ? "auto" : apply;
    rulesFile = rulesFile == null || rulesFile.isBlank() ? "data/proxy/iptables.rules" : rulesFile;
    restoreCommand = restoreCommand == null || restoreCommand.isBlank() ? "iptables-restore" : restoreCommand;
    iptablesCommand = iptablesCommand == null || iptablesCommand.isBlank() ? "iptables" : iptablesCommand;
    saveCommand = saveCommand == null || saveCommand.isBlank() ? iptablesCommand.trim() + "-save" : saveCommand;
    endpointChains = endpointChains == null || endpointChains.isBlank() ? "needed" : endpointChains;
    if (masqueradeBit < 0 || masqueradeBit > 31) {
      throw new InvalidConfigException("masqueradeBit", "must be a bit number from 0 to 31 (kube-proxy's default is 14)");
    }
    if (!java.util.List.of("auto", "always", "never").contains(apply)) {
      throw new InvalidConfigException("apply", "must be auto, always or never, not '" + apply + "'");
    }
    if (!java.util.List.of("needed", "all").contains(endpointChains)) {
      throw new InvalidConfigException("endpointChains", "must be needed or all, not '" + endpointChains + "'");
    }
    if (!clusterCidr.matches("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}")) {
      throw new InvalidConfigException("clusterCidr", "must be an IPv4 CIDR such as 10.244.0.0/16, not '" + clusterCidr + "'");
    }
  }

  /** Whether every endpoint gets a KUBE-SEP chain, as in kube-proxy, whatever the cluster's size. */
  boolean chainPerEndpoint() {
    return endpointChains.equals("all");
  }

  /** The mark as iptables prints it: {@code 0x4000} for bit 14. */
  String mark() {
    return "0x" + Long.toHexString(1L << masqueradeBit);
  }
}
