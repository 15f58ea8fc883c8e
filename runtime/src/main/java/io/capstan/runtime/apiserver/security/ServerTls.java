package io.capstan.runtime.apiserver.security;

import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.CRL;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The API server's HTTPS connector: the serving certificate from {@link ClusterPki}, client
 * certificates requested (not required). As in Kubernetes, the TLS layer only proves the client
 * holds the key of the certificate it presents; whether that certificate is trusted (signed by
 * the cluster CA, not expired) is the {@code x509} authenticator's decision, so a foreign or
 * expired certificate gets a 401 with a reason instead of a bare handshake failure.
 */
public final class ServerTls {

  private static final char[] PASSWORD = "capstan".toCharArray();

  /**
   * How long a kept-alive connection may sit unused before the server closes it: kube-apiserver's
   * 90 s ({@code IdleTimeout} of its secure serving, "matches http.DefaultTransport keep-alive
   * timeout"), not Jetty's 30 s, so a client pausing between bursts keeps its TLS session instead of
   * paying a new handshake.
   */
  public static final java.time.Duration IDLE_TIMEOUT = java.time.Duration.ofSeconds(90);

  private ServerTls() {}

  /** An HTTPS connector on {@code host:port} speaking HTTP with {@code config} (a secure-request customizer is added). */
  public static ServerConnector connector(Server server, ClusterPki pki, String host, int port, HttpConfiguration config) {
    SslContextFactory.Server ssl = new RequestingClientCerts(pki.ca());
    ssl.setKeyStore(keyStore(pki));
    ssl.setKeyStorePassword(new String(PASSWORD));
    ssl.setWantClientAuth(true);
    ssl.setSniRequired(false);
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false);
    config.addCustomizer(secure);
    ServerConnector connector = new ServerConnector(server, ssl, new HttpConnectionFactory(config));
    connector.setHost(host);
    connector.setPort(port);
    connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
    return connector;
  }

  private static KeyStore keyStore(ClusterPki pki) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("apiserver", pki.servingKey(), PASSWORD, new Certificate[] {pki.serving(), pki.ca()});
      return store;
    } catch (Exception e) {
      throw new IllegalStateException("cannot hold the serving certificate in a key store: " + e, e);
    }
  }

  /** Asks clients for certificates issued by the cluster CA, and accepts any: the authenticators judge them. */
  private static final class RequestingClientCerts extends SslContextFactory.Server {
    private final X509Certificate ca;

    RequestingClientCerts(X509Certificate ca) {
      this.ca = ca;
    }

    @Override
    protected TrustManager[] getTrustManagers(KeyStore trustStore, Collection<? extends CRL> crls) {
      return new TrustManager[] {new DeferredClientTrust(ca)};
    }
  }

  private static final class DeferredClientTrust extends X509ExtendedTrustManager {
    private final X509Certificate[] issuers;

    DeferredClientTrust(X509Certificate ca) {
      this.issuers = new X509Certificate[] {ca};
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      // judged per request by the x509 authenticator
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
      // judged per request by the x509 authenticator
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      // judged per request by the x509 authenticator
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws java.security.cert.CertificateException {
      throw new java.security.cert.CertificateException("the API server does not connect to servers");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws java.security.cert.CertificateException {
      checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws java.security.cert.CertificateException {
      checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return issuers.clone();
    }
  }
}
