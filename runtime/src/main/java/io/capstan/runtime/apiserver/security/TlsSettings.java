package io.capstan.runtime.apiserver.security;

import java.util.List;

/**
 * The API server's TLS settings under {@code apiserver.tls.*}.
 *
 * @param enabled serve HTTPS with the cluster's generated certificates; default true. Plain HTTP
 *     is for experiments on one machine: it is refused on a non-loopback bind address unless
 *     {@code allowInsecureNonLoopback} is set
 * @param extraSans names and addresses the serving certificate is valid for besides 127.0.0.1,
 *     localhost and ::1 (the host's DNS name, a public address); default none
 * @param allowInsecureNonLoopback allow plain HTTP on a non-loopback bind address; default false
 */
public record TlsSettings(Boolean enabled, List<String> extraSans, Boolean allowInsecureNonLoopback) {

  /** Plain HTTP, for embedded servers and tests on loopback. */
  public static final TlsSettings DISABLED = new TlsSettings(false, List.of(), false);

  public TlsSettings {
    enabled = enabled == null || enabled;
    extraSans = extraSans == null ? List.of() : extraSans.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    allowInsecureNonLoopback = allowInsecureNonLoopback != null && allowInsecureNonLoopback;
  }

  public static TlsSettings defaults() {
    return new TlsSettings(null, null, null);
  }
}
