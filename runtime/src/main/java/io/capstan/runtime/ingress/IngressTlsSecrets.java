package io.capstan.runtime.ingress;

import io.capstan.spi.ingress.TlsCertificate;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the certificate of an Ingress's {@code spec.tls[]} entry from its Secret as ingress-nginx
 * does: the Secret must exist and carry {@code tls.crt} and {@code tls.key} (type
 * {@code kubernetes.io/tls}, or Opaque with those keys); otherwise the entry gets no certificate
 * (the controller serves its default one) and a warning names the Ingress, the Secret and the fix.
 */
final class IngressTlsSecrets {

  static final String TLS_TYPE = "kubernetes.io/tls";
  private static final Logger LOG = LoggerFactory.getLogger(IngressTlsSecrets.class);

  private IngressTlsSecrets() {}

  static Optional<TlsCertificate> certificate(String ingressKey, Optional<Secret> secret, String secretKey) {
    if (secret.isEmpty()) {
      LOG.warn("ingress {}: TLS secret {} does not exist; serving the default certificate for its hosts", ingressKey,
          secretKey);
      return Optional.empty();
    }
    Secret s = secret.get();
    String type = s.getType() == null ? "Opaque" : s.getType();
    if (!TLS_TYPE.equals(type) && !"Opaque".equals(type)) {
      LOG.warn("ingress {}: secret {} has type {}, not {}; serving the default certificate", ingressKey, secretKey,
          type, TLS_TYPE);
      return Optional.empty();
    }
    Optional<String> crt = value(s, "tls.crt");
    Optional<String> key = value(s, "tls.key");
    if (crt.isEmpty() || key.isEmpty()) {
      LOG.warn("ingress {}: secret {} lacks {}; serving the default certificate (create it with kubectl create "
          + "secret tls NAME --cert=FILE --key=FILE)", ingressKey, secretKey, crt.isEmpty() ? "tls.crt" : "tls.key");
      return Optional.empty();
    }
    String version = s.getMetadata() == null || s.getMetadata().getResourceVersion() == null ? ""
        : s.getMetadata().getResourceVersion();
    return Optional.of(new TlsCertificate(crt.get(), key.get(), version));
  }

  /** {@code data} (base64) wins over {@code stringData}, as the API server folds them. */
  private static Optional<String> value(Secret secret, String key) {
    Map<String, String> data = secret.getData();
    if (data != null && data.get(key) != null && !data.get(key).isBlank()) {
      try {
        return Optional.of(new String(Base64.getMimeDecoder().decode(data.get(key)), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    Map<String, String> strings = secret.getStringData();
    return strings == null ? Optional.empty() : Optional.ofNullable(strings.get(key)).filter(v -> !v.isBlank());
  }
}
