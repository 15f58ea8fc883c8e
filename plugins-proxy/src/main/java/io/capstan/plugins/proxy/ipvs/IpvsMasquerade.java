package io.capstan.plugins.proxy.ipvs;

import static java.util.Objects.requireNonNull;

/**
 * What decides which service traffic is masqueraded, as kube-proxy's flags do.
 *
 * @param markBit the bit of the packet mark meaning "masquerade me" ({@code --iptables-masquerade-bit},
 *     default 14: mark {@code 0x4000})
 * @param masqueradeAll masquerade all ClusterIP traffic ({@code --masquerade-all})
 * @param clusterCidr the pod CIDR; ClusterIP traffic from outside it is masqueraded
 *     ({@code --cluster-cidr}); {@code ""} for none
 */
public record IpvsMasquerade(int markBit, boolean masqueradeAll, String clusterCidr) {

  public IpvsMasquerade {
    requireNonNull(clusterCidr, "clusterCidr");
    if (markBit < 0 || markBit > 31) {
      throw new IllegalArgumentException("masqueradeBit must be 0-31, got " + markBit);
    }
  }

  /** The mark as kube-proxy writes it: {@code 0x00004000}. */
  public String mark() {
    return String.format("0x%08x", 1L << markBit);
  }
}
