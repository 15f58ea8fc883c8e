package io.capstan.spi.auth;

import static java.util.Objects.requireNonNull;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The trust anchors the API server host offers authenticator plugins: the certificate authorities
 * client certificates must chain to, and the keys and issuer of the service-account tokens it
 * signs (through the {@code serviceaccounts/token} subresource). The runtime binds it from the
 * cluster's key material under {@code DATA/pki}; a process without an API server binds
 * {@link #NONE}. Plugins inject it.
 *
 * @param clientCertificateAuthorities CA certificates that sign client certificates
 * @param serviceAccountKeys public keys that verify service-account tokens
 * @param serviceAccountIssuer the {@code iss} claim of the service-account tokens this cluster signs
 */
public record ClusterTrust(List<X509Certificate> clientCertificateAuthorities, List<PublicKey> serviceAccountKeys,
    String serviceAccountIssuer) {

  /** Trusts nothing: no certificate and no token verifies. */
  public static final ClusterTrust NONE = new ClusterTrust(List.of(), List.of(), "");

  /** The issuer Kubernetes uses when none is configured. */
  public static final String DEFAULT_ISSUER = "https://kubernetes.default.svc.cluster.local";

  public ClusterTrust {
    clientCertificateAuthorities = List.copyOf(requireNonNull(clientCertificateAuthorities, "clientCertificateAuthorities"));
    serviceAccountKeys = List.copyOf(requireNonNull(serviceAccountKeys, "serviceAccountKeys"));
    requireNonNull(serviceAccountIssuer, "serviceAccountIssuer");
  }
}
