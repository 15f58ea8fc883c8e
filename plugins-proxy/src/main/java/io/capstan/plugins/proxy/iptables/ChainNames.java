package io.capstan.plugins.proxy.iptables;

import io.capstan.spi.proxy.EndpointInfo;
import io.capstan.spi.proxy.ServicePortName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * kube-proxy's chain names: {@code KUBE-SVC-}, {@code KUBE-SVL-}, {@code KUBE-EXT-} and
 * {@code KUBE-FW-} plus {@code base32(sha256("ns/name:port" + proto))[:16]}, and {@code KUBE-SEP-}
 * plus the same hash of the name, protocol and endpoint address. They must be byte-identical to
 * kube-proxy's so that rules from either are recognisable (and testable against its known values).
 */
final class ChainNames {

  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private ChainNames() {}

  static String servicePortHash(ServicePortName name, String protocol) {
    return hash(name + lowerProtocol(protocol));
  }

  /** {@code tcp}, {@code udp}, {@code sctp} without allocating for the usual three. */
  static String lowerProtocol(String protocol) {
    switch (protocol) {
      case "TCP":
        return "tcp";
      case "UDP":
        return "udp";
      case "SCTP":
        return "sctp";
      default:
        return protocol.toLowerCase(Locale.ROOT);
    }
  }

  static String service(ServicePortName name, String protocol) {
    return "KUBE-SVC-" + servicePortHash(name, protocol);
  }

  static String local(ServicePortName name, String protocol) {
    return "KUBE-SVL-" + servicePortHash(name, protocol);
  }

  static String external(ServicePortName name, String protocol) {
    return "KUBE-EXT-" + servicePortHash(name, protocol);
  }

  static String endpoint(ServicePortName name, String protocol, EndpointInfo endpoint) {
    return "KUBE-SEP-" + hash(name + lowerProtocol(protocol) + endpoint.address());
  }

  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  });

  /** kube-proxy's probabilities {@code %0.10f} of 1/n, formatted once per n (String.format is slow). */
  private static final String[] PROBABILITIES = new String[257];

  static String probability(int n) {
    if (n >= PROBABILITIES.length) {
      return String.format(Locale.ROOT, "%.10f", 1.0 / n);
    }
    String p = PROBABILITIES[n];
    if (p == null) {
      p = String.format(Locale.ROOT, "%.10f", 1.0 / n);
      PROBABILITIES[n] = p;
    }
    return p;
  }

  /** The first 16 characters of the RFC 4648 base32 (upper case) encoding of SHA-256 of {@code text}. */
  static String hash(String text) {
    MessageDigest sha = SHA256.get();
    sha.reset();
    byte[] digest = sha.digest(text.getBytes(StandardCharsets.UTF_8));
    // 16 base32 characters are 80 bits: the first 10 bytes
    long high = 0;
    for (int i = 0; i < 8; i++) {
      high = (high << 8) | (digest[i] & 0xFF);
    }
    int low = ((digest[8] & 0xFF) << 8) | (digest[9] & 0xFF);
    char[] out = new char[16];
    for (int i = 0; i < 12; i++) {
      out[i] = BASE32[(int) (high >>> (59 - 5 * i)) & 31];
    }
    // characters 12..15 take the last 4 bits of high and the 16 bits of low
    long rest = ((high & 0xF) << 16) | low;
    for (int i = 0; i < 4; i++) {
      out[12 + i] = BASE32[(int) (rest >>> (15 - 5 * i)) & 31];
    }
    return new String(out);
  }
}
