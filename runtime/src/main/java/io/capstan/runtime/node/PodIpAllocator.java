package io.capstan.runtime.node;

import java.util.BitSet;
import java.util.Optional;

/**
 * Hands out the pod IPs of one node's /24: {@code .2} to {@code .254} ({@code .1} is the node's
 * bridge, as with the kubenet plugin). Thread-safe.
 */
final class PodIpAllocator {

  private final int base;
  private final BitSet used = new BitSet(256);
  private int next = 2;

  PodIpAllocator(String nodeCidr) {
    this.base = PodCidrs.toInt(nodeCidr.substring(0, nodeCidr.indexOf('/')), nodeCidr);
  }

  /** The next free address, or empty when all 253 are taken. */
  synchronized Optional<String> allocate() {
    for (int i = 0; i < 253; i++) {
      int host = 2 + (next - 2 + i) % 253;
      if (!used.get(host)) {
        used.set(host);
        next = host + 1 > 254 ? 2 : host + 1;
        return Optional.of(PodCidrs.toText(base + host));
      }
    }
    return Optional.empty();
  }

  /** Takes a given address (a pod's IP from before a restart) if it is in range and free. */
  synchronized boolean reserve(String ip) {
    int host;
    try {
      int address = PodCidrs.toInt(ip, ip);
      if ((address & 0xFFFFFF00) != base) {
        return false;
      }
      host = address & 255;
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (host < 2 || host > 254 || used.get(host)) {
      return false;
    }
    used.set(host);
    return true;
  }

  synchronized void release(String ip) {
    try {
      int address = PodCidrs.toInt(ip, ip);
      if ((address & 0xFFFFFF00) == base) {
        used.clear(address & 255);
      }
    } catch (IllegalArgumentException e) {
      // not ours
    }
  }

  synchronized int inUse() {
    return used.cardinality();
  }
}
