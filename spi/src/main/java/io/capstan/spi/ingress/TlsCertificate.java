package io.capstan.spi.ingress;

import static java.util.Objects.requireNonNull;

/**
 * The certificate of one {@code spec.tls[]} entry, as the ingress host read it from the Secret
 * named there ({@code kubernetes.io/tls}: {@code tls.crt} and {@code tls.key}, base64-decoded).
 * The host does not parse it; a controller that cannot use it serves its default certificate for
 * the entry's hosts and says why in its log, as ingress-nginx does.
 *
 * @param certificateChainPem the PEM text of {@code tls.crt}: the server certificate first, then
 *     any intermediates
 * @param privateKeyPem the PEM text of {@code tls.key} (PKCS#1, PKCS#8 or SEC1)
 * @param secretResourceVersion the Secret's resourceVersion, so a changed Secret makes a changed state
 */
public record TlsCertificate(String certificateChainPem, String privateKeyPem, String secretResourceVersion) {

  public TlsCertificate {
    requireNonNull(certificateChainPem, "certificateChainPem");
    requireNonNull(privateKeyPem, "privateKeyPem");
    requireNonNull(secretResourceVersion, "secretResourceVersion");
  }

  /** Never prints the private key. */
  @Override
  public String toString() {
    return "TlsCertificate[" + certificateChainPem.length() + " chars of PEM, key redacted, resourceVersion "
        + secretResourceVersion + "]";
  }
}
