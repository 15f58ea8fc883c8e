package io.capstan.runtime.client.http;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.apiserver.security.Certificates;
import java.io.IOException;
import java.net.URI;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Where and how a client reaches an API server: its URL, the TLS context (trusted CAs and an
 * optional client certificate) for {@code https} URLs, and an optional bearer token.
 *
 * @param server the API server's base URL
 * @param tls the TLS context; empty uses the JVM's default trust
 * @param bearerToken sent as {@code Authorization: Bearer ...} when present
 */
public record ClientConnection(URI server, Optional<SSLContext> tls, Optional<String> bearerToken) {

  public ClientConnection {
    requireNonNull(server, "server");
    requireNonNull(tls, "tls");
    requireNonNull(bearerToken, "bearerToken");
  }

  /** Plain URL and optional token, default TLS trust. */
  public static ClientConnection of(URI server, Optional<String> bearerToken) {
    return new ClientConnection(server, Optional.empty(), bearerToken);
  }

  /**
   * A TLS context trusting {@code caPem}'s certificates and, when {@code clientCertPem} and
   * {@code clientKeyPem} are given, presenting that client certificate.
   */
  public static SSLContext tlsContext(String caPem, Optional<String> clientCertPem, Optional<String> clientKeyPem) throws IOException {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      List<X509Certificate> cas = Certificates.readCertificates(caPem);
      if (cas.isEmpty()) {
        throw new IOException("no CA certificate found in certificate-authority data");
      }
      for (int i = 0; i < cas.size(); i++) {
        trust.setCertificateEntry("ca-" + i, cas.get(i));
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      KeyManagerFactory kmf = null;
      if (clientCertPem.isPresent() && clientKeyPem.isPresent()) {
        char[] password = "capstan".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        List<X509Certificate> chain = Certificates.readCertificates(clientCertPem.get());
        if (chain.isEmpty()) {
          throw new IOException("no certificate found in client-certificate data");
        }
        PrivateKey key = Certificates.readPrivateKey(clientKeyPem.get());
        keys.setKeyEntry("client", key, password, chain.toArray(new Certificate[0]));
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
  }
}
