package io.capstan.runtime.apiserver.security;

import static org.assertj.core.api.Assertions.assertThat;
import static java.nio.file.attribute.PosixFilePermission.OWNER_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_WRITE;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.runtime.apiserver.ApiServer;
import io.capstan.runtime.apiserver.ApiServerSettings;
import io.capstan.runtime.apiserver.admission.ObjectValidator;
import io.capstan.runtime.apiserver.http.ApiExtensions;
import io.capstan.runtime.apiserver.http.NonResourceEndpoints;
import io.capstan.runtime.client.http.ClientConnection;
import io.capstan.runtime.client.http.HttpApiClient;
import io.capstan.runtime.client.http.KubeconfigFile;
import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.admission.AdmissionPlugin;
import io.capstan.spi.admission.AdmissionRequest;
import io.capstan.spi.admission.ValidatingAdmissionPlugin;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.auth.AuthenticationResult;
import io.capstan.spi.auth.Authenticator;
import io.capstan.spi.auth.AuthorizationDecision;
import io.capstan.spi.auth.Authorizer;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.ApiException;
import io.capstan.spi.client.ForbiddenException;
import io.capstan.tck.store.ReferenceStore;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API server over HTTPS with authentication and authorization chains: the generated
 * kubeconfig's TLS trust, 401 and 403 Status answers, and the authenticated user reaching admission.
 */
class SecureApiServerTest {

  @TempDir Path dir;
  final ReferenceStore store = ReferenceStore.create();
  final PooledTaskExecutor executor = new PooledTaskExecutor(2, Duration.ofSeconds(1));
  final List<UserInfo> admitted = new CopyOnWriteArrayList<>();
  ApiServer server;
  ClusterPki pki;

  /** Bearer tokens "alice" and "bob" name those users; nothing else authenticates. */
  static final Authenticator TOKENS = request -> request.bearerToken()
      .filter(t -> t.equals("alice") || t.equals("bob"))
      .map(t -> AuthenticationResult.authenticated(UserInfo.of(t)))
      .orElse(AuthenticationResult.notApplicable());

  /** alice may do anything; bob only read. */
  static final Authorizer POLICY = a -> a.user().name().equals("alice") || a.verb().equals("get") || a.verb().equals("list")
      ? AuthorizationDecision.allow("test") : AuthorizationDecision.noOpinion();

  @BeforeEach
  void start() throws Exception {
    store.start();
    pki = ClusterPki.loadOrCreate(dir.resolve("pki"), List.of(), Instant.now());
    AdmissionPlugin recordUser = new ValidatingAdmissionPlugin() {
      @Override
      public String name() {
        return "RecordUser";
      }

      @Override
      public void validate(AdmissionRequest request) {
        if (request.kind().equals("ConfigMap")) {
          admitted.add(request.user());
        }
      }
    };
    ApiSecurity security = ApiSecurity.of(new AuthenticatorChain(Map.of("tokens", TOKENS)), new AuthorizerChain(Map.of("policy", POLICY)));
    server = new ApiServer(new ApiServerSettings("127.0.0.1", 0, null, null, null, 100, Duration.ofSeconds(30), null,
        TlsSettings.defaults()), dir, store, KindRegistry.builtIn(), List.of(recordUser), ObjectValidator.NONE, new WallClock(),
        executor, ApiExtensions.NONE, NonResourceEndpoints.NONE, security, Optional.of(pki));
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    store.close();
    executor.close();
  }

  private HttpApiClient as(String token) throws Exception {
    ClientConnection fromKubeconfig = KubeconfigFile.read(server.kubeconfig());
    return new HttpApiClient(new ClientConnection(fromKubeconfig.server(),
        Optional.of(ClientConnection.tlsContext(Certificates.pem(pki.ca()), Optional.empty(), Optional.empty())),
        token.isEmpty() ? Optional.empty() : Optional.of(token)), KindRegistry.builtIn());
  }

  private static ConfigMap configMap(String name) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata().build();
  }

  @Test
  void theKubeconfigNamesTheHttpsServerAndEmbedsTheCaAndAdminCredential() throws Exception {
    assertThat(server.url()).startsWith("https://127.0.0.1:");
    String kubeconfig = Files.readString(server.kubeconfig());
    assertThat(kubeconfig).contains("server: " + server.url(), "certificate-authority-data: ", "client-certificate-data: ",
        "client-key-data: ");
    ClientConnection connection = KubeconfigFile.read(server.kubeconfig());
    assertThat(connection.tls()).isPresent();
    assertThat(Files.getPosixFilePermissions(server.kubeconfig())).containsExactlyInAnyOrder(OWNER_READ, OWNER_WRITE);
  }

  @Test
  void unauthenticatedIs401ForbiddenIs403AndTheUserReachesAdmission() throws Exception {
    assertThatThrownBy(() -> as("").resources(ConfigMap.class).get("default", "x"))
        .isInstanceOf(ApiException.class).satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(401));
    assertThatThrownBy(() -> as("mallory").resources(ConfigMap.class).get("default", "x"))
        .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(401));
    as("alice").resources(ConfigMap.class).create(configMap("a"));
    assertThat(admitted).extracting(UserInfo::name).containsExactly("alice");
    assertThat(admitted.get(0).groups()).containsExactly(UserInfo.GROUP_AUTHENTICATED);
    assertThat(as("bob").resources(ConfigMap.class).get("default", "a")).isPresent();
    assertThatThrownBy(() -> as("bob").resources(ConfigMap.class).create(configMap("b")))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("configmaps is forbidden: User \"bob\" cannot create resource \"configmaps\" in API group \"\" in the namespace \"default\"");
    assertThat(admitted).hasSize(1);
  }

  /**
   * A 403 comes before the body is read; if the rest of the body was still on its way when the answer was sent, the
   * server used to close the connection (Jetty does with an unconsumed body), and a client that reused it for its next
   * request got a reset. Here the body arrives 300 ms after the headers.
   */
  @Test
  void aRefusedRequestWhoseBodyArrivesLateLeavesTheConnectionUsable() throws Exception {
    SSLContext tls = ClientConnection.tlsContext(Certificates.pem(pki.ca()), Optional.empty(), Optional.empty());
    URI url = URI.create(server.url());
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(url.getHost(), url.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
      byte[] body = ("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"late\","
          + "\"namespace\":\"default\"}}").getBytes(StandardCharsets.UTF_8);
      out.write(("POST /api/v1/namespaces/default/configmaps HTTP/1.1\r\nHost: " + url.getAuthority()
          + "\r\nAuthorization: Bearer bob\r\nContent-Type: application/json\r\nContent-Length: " + body.length
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(300);
      out.write(body);
      out.flush();
      assertThat(RawHttp.readResponse(in)).startsWith("HTTP/1.1 403 ").contains("cannot create resource");

      out.write(("GET /api/v1/namespaces/default/configmaps/late HTTP/1.1\r\nHost: " + url.getAuthority()
          + "\r\nAuthorization: Bearer bob\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(RawHttp.readResponse(in)).as("the next request on the same connection is answered")
          .startsWith("HTTP/1.1 404 ");
    }
  }
}
