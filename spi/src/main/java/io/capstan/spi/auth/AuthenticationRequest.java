package io.capstan.spi.auth;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an authenticator may look at. Immutable; header names are matched case-insensitively.
 *
 * @param headers the HTTP request headers, each with its values in arrival order; in-process
 *     callers (the runtime's own components) send their identity the same way
 * @param clientCertificates the verified TLS client certificate chain, leaf first; empty without
 *     TLS client authentication
 * @param remoteAddress the peer's address as {@code ip:port}, or {@code ""} for in-process calls
 */
public record AuthenticationRequest(Map<String, List<String>> headers,
    List<X509Certificate> clientCertificates, String remoteAddress) {

  public AuthenticationRequest {
    TreeMap<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    requireNonNull(headers, "headers").forEach((k, v) ->
        byName.merge(k, List.copyOf(v), (a, b) -> {
          List<String> all = new java.util.ArrayList<>(a);
          all.addAll(b);
          return List.copyOf(all);
        }));
    headers = java.util.Collections.unmodifiableMap(byName);
    clientCertificates = List.copyOf(requireNonNull(clientCertificates, "clientCertificates"));
    requireNonNull(remoteAddress, "remoteAddress");
  }

  /** A request with headers only. */
  public static AuthenticationRequest ofHeaders(Map<String, List<String>> headers) {
    return new AuthenticationRequest(headers, List.of(), "");
  }

  /** The first value of a header, any case, or empty. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(requireNonNull(name, "name"));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * The token of an {@code Authorization: Bearer <token>} header (scheme case-insensitive, as
   * RFC 7235 says), or empty when there is none or it is blank.
   */
  public Optional<String> bearerToken() {
    return header("Authorization").flatMap(value -> {
      String trimmed = value.trim();
      int space = trimmed.indexOf(' ');
      if (space < 0 || !trimmed.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
        return Optional.empty();
      }
      String token = trimmed.substring(space + 1).trim();
      return token.isEmpty() ? Optional.empty() : Optional.of(token);
    });
  }
}
