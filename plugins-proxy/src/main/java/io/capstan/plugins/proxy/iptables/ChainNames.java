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
    return hash(name + protocol.toLowerCase(Locale.ROOT));
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
    return "KUBE-SEP-" + hash(name + protocol.toLowerCase(Locale.ROOT) + endpoint.address());
  }

  /** The first 16 characters of the RFC 4648 base32 (upper case) encoding of SHA-256 of {@code text}. */
  static String hash(String text) {
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    StringBuilder out = new StringBuilder(16);
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < digest.length && out.length() < 16; i++) {
      buffer = (buffer << 8) | (digest[i] & 0xFF);
      bits += 8;
      while (bits >= 5 && out.length() < 16) {
        out.append(BASE32[(buffer >> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    return out.toString();
  }
}
