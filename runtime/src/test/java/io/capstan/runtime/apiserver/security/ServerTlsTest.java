package io.capstan.runtime.apiserver.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS connector as the API server opens it. */
class ServerTlsTest {

  @TempDir Path dir;

  @Test
  void keepsIdleConnectionsAsLongAsKubeApiserverAndAsksForClientCertificatesWithoutRequiringThem() throws Exception {
    ClusterPki pki = ClusterPki.loadOrCreate(dir.resolve("pki"), List.of(), Instant.now());
    Server server = new Server();
    ServerConnector connector = ServerTls.connector(server, pki, "127.0.0.1", 0,
        io.capstan.runtime.apiserver.http.ServerHttpConfig.create());
    server.addConnector(connector);
    server.start();
    try {
      assertThat(connector.getIdleTimeout()).as("kube-apiserver's IdleTimeout, not Jetty's 30 s").isEqualTo(90_000);
      SslContextFactory.Server ssl = connector.getConnectionFactory(org.eclipse.jetty.server.SslConnectionFactory.class)
          .getSslContextFactory();
      assertThat(ssl.getWantClientAuth()).isTrue();
      assertThat(ssl.getNeedClientAuth()).as("the x509 authenticator judges certificates, a 401 instead of a failed handshake")
          .isFalse();
      assertThat(connector.getLocalPort()).isPositive();
    } finally {
      server.stop();
    }
  }
}
