package io.capstan.plugins.proxy.ipvs;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Settings of the {@code ipvs} proxy mode, bound from {@code proxy.ipvs.*}. A null component (key
 * absent) means the default.
 *
 * @param stateDir where the rendered state is written on every sync, applied or not; default
 *     {@code <java.io.tmpdir>/capstan-ipvs}
 * @param scheduler the IPVS scheduler of every virtual server ({@code --ipvs-scheduler}); default
 *     {@code rr}
 * @param nodeIps the node addresses that get a virtual server per node port; default every
 *     non-loopback IPv4 address of the machine's up interfaces
 * @param clusterCidr the pod CIDR; ClusterIP traffic from outside it is masqueraded; default none
 * @param masqueradeAll masquerade all ClusterIP traffic; default false
 * @param masqueradeBit the mark bit for masquerading; default 14 ({@code 0x4000})
 * @param dryRun never touch the kernel, only write the state; default false (the kernel is probed)
 * @param commandPrefix prepended to every tool invocation, e.g. {@code [ip, netns, exec, NAME]};
 *     default none
 */
public record IpvsProxyConfig(String stateDir, String scheduler, List<String> nodeIps,
    String clusterCidr, Boolean masqueradeAll, Integer masqueradeBit, Boolean dryRun,
    List<String> commandPrefix) {

  /** The schedulers IPVS ships (kube-proxy's ipvs README). */
  public static final Set<String> SCHEDULERS =
      Set.of("rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "fo", "ovf", "mh");

  public IpvsProxyConfig {
    if (stateDir == null || stateDir.isBlank()) {
      stateDir = Path.of(System.getProperty("java.io.tmpdir"), "capstan-ipvs").toString();
    }
    scheduler = scheduler == null ? "rr" : scheduler;
    if (!SCHEDULERS.contains(scheduler)) {
      throw new IllegalArgumentException("proxy.ipvs.scheduler '" + scheduler
          + "' is not an IPVS scheduler; use one of " + new java.util.TreeSet<>(SCHEDULERS));
    }
    nodeIps = nodeIps == null ? List.of() : List.copyOf(nodeIps);
    clusterCidr = clusterCidr == null ? "" : clusterCidr;
    masqueradeAll = masqueradeAll != null && masqueradeAll;
    masqueradeBit = masqueradeBit == null ? 14 : masqueradeBit;
    dryRun = dryRun != null && dryRun;
    commandPrefix = commandPrefix == null ? List.of() : List.copyOf(commandPrefix);
    masquerade(masqueradeBit, masqueradeAll, clusterCidr);
  }

  private static IpvsMasquerade masquerade(int bit, boolean all, String cidr) {
    return new IpvsMasquerade(bit, all, cidr);
  }

  /** Every setting at its default. */
  public static IpvsProxyConfig defaults() {
    return new IpvsProxyConfig(null, null, null, null, null, null, null, null);
  }

  /** The masquerading settings. */
  public IpvsMasquerade masquerade() {
    return masquerade(masqueradeBit, masqueradeAll, clusterCidr);
  }
}
