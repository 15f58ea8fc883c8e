package io.capstan.tck.ingress;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * HTTPS GETs with a chosen SNI server name (or none) and {@code Host} header, trusting any
 * certificate, so a test sees both which certificate the controller served and where the request
 * was routed.
 */
public final class RawHttps {

  /** The served certificate and the HTTP response. */
  public record Exchange(X509Certificate certificate, RawHttp.Response response) {}

  private RawHttps() {}

  /**
   * GET {@code path} over TLS from {@code server}, with SNI {@code serverName} (empty: none) and
   * {@code Host: host}.
   */
  public static Exchange get(URI server, Optional<String> serverName, String host, String path) throws IOException {
    SSLContext context;
    try {
      context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new TrustAll()}, null);
    } catch (GeneralSecurityException e) {
      throw new IOException("no TLS in this JDK: " + e.getMessage(), e);
    }
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(server.getHost(), server.getPort()), 2000);
      plain.setSoTimeout(5000);
      try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, server.getHost(),
          server.getPort(), true)) {
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(serverName.map(n -> List.<javax.net.ssl.SNIServerName>of(new SNIHostName(n)))
            .orElse(List.of()));
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        X509Certificate certificate = (X509Certificate) socket.getSession().getPeerCertificates()[0];
        return new Exchange(certificate, RawHttp.exchange(socket, host, path));
      }
    }
  }

  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
