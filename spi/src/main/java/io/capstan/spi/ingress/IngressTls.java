package io.capstan.spi.ingress;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One {@code spec.tls[]} entry: the hosts served over TLS with the certificate in a Secret. The
 * ingress host reads the Secret ({@code kubernetes.io/tls}: {@code tls.crt}, {@code tls.key}) through
 * an informer and hands its content over as {@link #certificate()}; a missing or unusable Secret
 * means the controller's default certificate (ingress-nginx's self-signed "fake" one) for these
 * hosts and a warning in the log.
 *
 * @param hosts the hosts the certificate is for; empty means every host of the Ingress's rules
 * @param secretNamespace the Secret's namespace (the Ingress's)
 * @param secretName the Secret's name
 * @param certificate the Secret's certificate and key; empty when the Secret is missing or has no
 *     {@code tls.crt}/{@code tls.key}
 */
public record IngressTls(List<String> hosts, String secretNamespace, String secretName,
    Optional<TlsCertificate> certificate) {

  public IngressTls {
    hosts = List.copyOf(requireNonNull(hosts, "hosts"));
    requireNonNull(secretNamespace, "secretNamespace");
    requireNonNull(secretName, "secretName");
    requireNonNull(certificate, "certificate");
  }

  /** An entry whose Secret was not (or could not be) read. */
  public IngressTls(List<String> hosts, String secretNamespace, String secretName) {
    this(hosts, secretNamespace, secretName, Optional.empty());
  }
}
