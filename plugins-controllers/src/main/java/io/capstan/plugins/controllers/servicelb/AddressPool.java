package io.capstan.plugins.controllers.servicelb;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One configured address range: a CIDR ({@code 192.168.200.0/28}) or an inclusive range
 * ({@code 192.168.200.10-192.168.200.20}), IPv4 or IPv6. In an IPv4 CIDR of /30 or wider the
 * network and broadcast addresses are left out, as they cannot serve a host; a range is used as
 * written.
 *
 * @param text the setting as written
 * @param first the first usable address, as an unsigned integer
 * @param last the last usable address, inclusive
 * @param v6 true for IPv6
 */
public record AddressPool(String text, BigInteger first, BigInteger last, boolean v6) {

  public AddressPool {
    requireNonNull(text, "text");
    requireNonNull(first, "first");
    requireNonNull(last, "last");
    if (first.compareTo(last) > 0) {
      throw new IllegalArgumentException("pool '" + text + "' is empty: its first address is after its last");
    }
  }

  /** Parses a CIDR or an {@code a-b} range, failing with what is wrong. */
  public static AddressPool parse(String text) {
    requireNonNull(text, "text");
    String spec = text.strip();
    int dash = spec.indexOf('-');
    if (dash >= 0) {
      byte[] a = literal(spec.substring(0, dash).strip(), text);
      byte[] b = literal(spec.substring(dash + 1).strip(), text);
      if (a.length != b.length) {
        throw new IllegalArgumentException("pool '" + text + "' mixes IPv4 and IPv6");
      }
      return new AddressPool(text, new BigInteger(1, a), new BigInteger(1, b), a.length == 16);
    }
    int slash = spec.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("pool '" + text
          + "' must be a CIDR (192.168.200.0/28) or a range (192.168.200.10-192.168.200.20)");
    }
    byte[] base = literal(spec.substring(0, slash), text);
    int bits = base.length * 8;
    int prefix;
    try {
      prefix = Integer.parseInt(spec.substring(slash + 1));
    } catch (NumberFormatException e) {
      prefix = -1;
    }
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("pool '" + text + "' has prefix length '"
          + spec.substring(slash + 1) + "'; expected 0-" + bits);
    }
    BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
    BigInteger network = new BigInteger(1, base).andNot(hostMask);
    BigInteger broadcast = network.or(hostMask);
    boolean trim = bits == 32 && prefix <= 30;
    return new AddressPool(text, trim ? network.add(BigInteger.ONE) : network,
        trim ? broadcast.subtract(BigInteger.ONE) : broadcast, bits == 128);
  }

  private static byte[] literal(String ip, String text) {
    if (ip.isEmpty() || !(ip.indexOf(':') >= 0 || ip.matches("[0-9.]+"))) {
      throw new IllegalArgumentException("pool '" + text + "': '" + ip + "' is not an IP address");
    }
    try {
      return InetAddress.getByName(ip).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("pool '" + text + "': '" + ip + "' is not an IP address", e);
    }
  }

  /** True when {@code ip} (any textual form) lies in this pool. */
  public boolean contains(String ip) {
    return toNumber(ip).filter(n -> n.v6 == v6)
        .map(n -> n.value.compareTo(first) >= 0 && n.value.compareTo(last) <= 0).orElse(false);
  }

  /** The lowest address of the pool that {@code taken} does not reject. */
  public Optional<String> firstFree(Predicate<String> taken) {
    for (BigInteger n = first; n.compareTo(last) <= 0; n = n.add(BigInteger.ONE)) {
      String ip = format(n);
      if (!taken.test(ip)) {
        return Optional.of(ip);
      }
    }
    return Optional.empty();
  }

  /** The number of addresses, for messages. */
  public BigInteger size() {
    return last.subtract(first).add(BigInteger.ONE);
  }

  private String format(BigInteger n) {
    byte[] raw = n.toByteArray();
    byte[] bytes = new byte[v6 ? 16 : 4];
    int copy = Math.min(raw.length, bytes.length);
    System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
    try {
      return InetAddress.getByAddress(bytes).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The canonical text of an address ({@code fd00:0:0:0:0:0:0:1} for any IPv6 spelling). */
  static Optional<String> canonical(String ip) {
    return toNumber(ip).map(n -> {
      try {
        return InetAddress.getByName(ip).getHostAddress();
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private record Number(BigInteger value, boolean v6) {}

  private static Optional<Number> toNumber(String ip) {
    if (ip == null || ip.isEmpty() || !(ip.indexOf(':') >= 0 || ip.matches("[0-9]+(\\.[0-9]+){3}"))) {
      return Optional.empty();
    }
    try {
      byte[] bytes = InetAddress.getByName(ip).getAddress();
      return Optional.of(new Number(new BigInteger(1, bytes), bytes.length == 16));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
