package io.capstan.spi.ingress;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One {@code spec.tls[]} entry: the hosts served over TLS with the certificate in a Secret. The
 * controller reads the Secret ({@code kubernetes.io/tls}: {@code tls.crt}, {@code tls.key}) through
 * an informer; a missing Secret means the controller's default certificate and a Warning event.
 *
 * @param hosts the hosts the certificate is for; empty means every host of the Ingress's rules
 * @param secretNamespace the Secret's namespace (the Ingress's)
 * @param secretName the Secret's name
 */
public record IngressTls(List<String> hosts, String secretNamespace, String secretName) {

  public IngressTls {
    hosts = List.copyOf(requireNonNull(hosts, "hosts"));
    requireNonNull(secretNamespace, "secretNamespace");
    requireNonNull(secretName, "secretName");
  }
}
