package io.capstan.runtime.apiserver.services;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * An IPv4 service range such as {@code 10.96.0.0/12}: its usable addresses (not the network or
 * broadcast address) by offset, and KEP-3070's static band at the bottom of the range, which
 * dynamic allocation avoids so that addresses users ask for stay free.
 */
public record ServiceCidr(String cidr, long base, int prefix) {

  public ServiceCidr {
    requireNonNull(cidr, "cidr");
    if (prefix < 8 || prefix > 30) {
      throw new IllegalArgumentException("the service CIDR " + cidr + " must be an IPv4 range between /8 and /30");
    }
  }

  /** Parses {@code a.b.c.d/n}. */
  public static ServiceCidr parse(String cidr) {
    String[] parts = requireNonNull(cidr, "cidr").split("/");
    if (parts.length != 2) {
      throw new IllegalArgumentException("the service CIDR '" + cidr + "' is not of the form a.b.c.d/n");
    }
    long address = toLong(parts[0]).orElseThrow(() ->
        new IllegalArgumentException("the service CIDR '" + cidr + "' does not start with an IPv4 address"));
    int prefix = Integer.parseInt(parts[1]);
    long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    return new ServiceCidr(cidr, address & mask, prefix);
  }

  /** How many addresses can be handed out: the range less its network and broadcast addresses. */
  public long usable() {
    return (1L << (32 - prefix)) - 2;
  }

  /** The size of the static band: {@code min(max(16, size/16), 256)} addresses. */
  public long staticBand() {
    return Math.min(Math.max(16, usable() / 16), 256);
  }

  /** The usable address at {@code offset} (0 is the first usable one, {@code base + 1}). */
  public String address(long offset) {
    if (offset < 0 || offset >= usable()) {
      throw new IllegalArgumentException("offset " + offset + " is outside " + cidr);
    }
    return toString(base + 1 + offset);
  }

  /** The offset of a usable address of this range, or empty when it is not one. */
  public Optional<Long> offsetOf(String ip) {
    return toLong(ip).map(a -> a - base - 1).filter(o -> o >= 0 && o < usable());
  }

  static Optional<Long> toLong(String ip) {
    String[] octets = ip.split("\\.", -1);
    if (octets.length != 4) {
      return Optional.empty();
    }
    long value = 0;
    for (String octet : octets) {
      if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(Character::isDigit)) {
        return Optional.empty();
      }
      int part = Integer.parseInt(octet);
      if (part > 255) {
        return Optional.empty();
      }
      value = (value << 8) | part;
    }
    return Optional.of(value);
  }

  static String toString(long address) {
    return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "." + (address & 255);
  }
}
