package io.capstan.runtime.node;

/**
 * Carves per-node /24 pod networks out of the cluster CIDR ({@code 10.244.0.0/16} gives
 * {@code 10.244.0.0/24}, {@code 10.244.1.0/24}, ...), as kube-controller-manager's range allocator
 * does with {@code --node-cidr-mask-size=24}.
 */
public final class PodCidrs {

  private final int base;
  private final int capacity;

  private PodCidrs(int base, int prefix) {
    this.base = base;
    this.capacity = 1 << (24 - prefix);
  }

  /** @throws IllegalArgumentException unless it is an IPv4 CIDR with a prefix of at most 24 */
  public static PodCidrs parse(String cidr) {
    String[] parts = cidr.trim().split("/");
    if (parts.length != 2) {
      throw new IllegalArgumentException("cluster CIDR '" + cidr + "' must look like 10.244.0.0/16");
    }
    int prefix;
    try {
      prefix = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("cluster CIDR '" + cidr + "' has no numeric prefix length");
    }
    if (prefix < 8 || prefix > 24) {
      throw new IllegalArgumentException("cluster CIDR '" + cidr + "' needs a prefix from /8 to /24 to hold /24 node ranges");
    }
    int address = toInt(parts[0], cidr);
    int mask = (int) (0xFFFFFFFFL << (32 - prefix));
    return new PodCidrs(address & mask, prefix);
  }

  /** How many nodes the CIDR has ranges for. */
  public int capacity() {
    return capacity;
  }

  /** The {@code index}-th node range (0-based). */
  public String nodeCidr(int index) {
    if (index < 0 || index >= capacity) {
      throw new IllegalArgumentException("the cluster CIDR has /24 ranges for " + capacity + " nodes; node " + (index + 1)
          + " does not fit: use a larger node.clusterCidr (e.g. 10.0.0.0/8)");
    }
    return toText(base + (index << 8)) + "/24";
  }

  static int toInt(String dotted, String context) {
    String[] octets = dotted.split("\\.");
    if (octets.length != 4) {
      throw new IllegalArgumentException("'" + context + "' is not an IPv4 address or CIDR");
    }
    int value = 0;
    for (String o : octets) {
      int n;
      try {
        n = Integer.parseInt(o);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + context + "' is not an IPv4 address or CIDR");
      }
      if (n < 0 || n > 255) {
        throw new IllegalArgumentException("'" + context + "' has an octet out of range");
      }
      value = (value << 8) | n;
    }
    return value;
  }

  static String toText(int address) {
    return ((address >>> 24) & 255) + "." + ((address >>> 16) & 255) + "." + ((address >>> 8) & 255) + "." + (address & 255);
  }
}
