package io.capstan.plugins.ingress.tls;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which certificate each host of the served rules gets, and the default for everything else.
 *
 * @param byHost rule host (lower case, possibly {@code *.domain}) to its certificate; hosts that
 *     get the default are absent
 * @param fallback the default certificate
 */
public record CertificateSelection(Map<String, ServedCertificate> byHost, ServedCertificate fallback) {

  public CertificateSelection {
    byHost = Map.copyOf(requireNonNull(byHost, "byHost"));
    requireNonNull(fallback, "fallback");
  }

  /** Only the default certificate. */
  public static CertificateSelection fallbackOnly(ServedCertificate fallback) {
    return new CertificateSelection(Map.of(), fallback);
  }

  /**
   * The certificate for a TLS handshake's server name (SNI), as the server block nginx picks for
   * it: the rule with exactly that host, else the {@code *.domain} rule covering it (one label),
   * else the default; no server name gets the default.
   */
  public ServedCertificate forServerName(Optional<String> serverName) {
    if (serverName.isEmpty() || serverName.get().isEmpty()) {
      return fallback;
    }
    String name = serverName.get().toLowerCase(Locale.ROOT);
    ServedCertificate exact = byHost.get(name);
    if (exact != null) {
      return exact;
    }
    int dot = name.indexOf('.');
    if (dot > 0) {
      ServedCertificate wild = byHost.get("*" + name.substring(dot));
      if (wild != null) {
        return wild;
      }
    }
    return fallback;
  }
}
