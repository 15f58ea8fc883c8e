package io.capstan.runtime.bench;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.capstan.runtime.apiserver.ApiServer;
import io.capstan.runtime.apiserver.ApiServerSettings;
import io.capstan.runtime.apiserver.admission.ObjectValidator;
import io.capstan.runtime.apiserver.http.ApiExtensions;
import io.capstan.runtime.apiserver.http.NonResourceEndpoints;
import io.capstan.runtime.apiserver.security.ApiSecurity;
import io.capstan.runtime.apiserver.security.Certificates;
import io.capstan.runtime.apiserver.security.ClusterPki;
import io.capstan.runtime.client.http.ClientConnection;
import io.capstan.runtime.client.http.HttpApiClient;
import io.capstan.runtime.kernel.Kernel;
import io.capstan.spi.admission.AdmissionPlugin;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.client.AlreadyExistsException;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.store.Store;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.capstan.runtime.apiserver.security.ServiceAccountTokens;
import io.capstan.spi.api.KubeJson;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The clients of the secure runs of {@code bench apiserver}: HTTPS with the cluster CA and a bearer
 * token (static or service-account) or a client certificate of the cluster CA, a plain HTTP server (same store, kinds and
 * admission, no TLS, no authentication or authorization) as the peer they are compared with, and a
 * bare one without admission plugins as well, the baseline of the whole security and admission cost.
 */
final class SecureClients implements AutoCloseable {

  private final Kernel kernel;
  private final Path dir;
  private ApiServer plainServer;
  private ApiServer bareServer;
  private ApiServer tokenServer;

  private SecureClients(Kernel kernel, Path dir) {
    this.kernel = kernel;
    this.dir = dir;
  }

  static SecureClients start(Kernel kernel, Path dir) {
    return new SecureClients(kernel, dir);
  }

  /**
   * Starts the plain peer server (the configured admission chain, no TLS, authentication or
   * authorization), the bare one (no admission plugins either; object validation stays) and the
   * token one (the configured chains over plain HTTP) on free loopback ports.
   */
  void startPlainServers() throws Exception {
    Injector injector = kernel.injector();
    List<AdmissionPlugin> admission = injector.getInstance(Key.get(new TypeLiteral<List<AdmissionPlugin>>() {}));
    plainServer = plainServer("plain", admission, ApiSecurity.open());
    bareServer = plainServer("bare", List.of(), ApiSecurity.open());
    tokenServer = plainServer("token", admission, injector.getInstance(ApiSecurity.class));
  }

  private ApiServer plainServer(String name, List<AdmissionPlugin> admission, ApiSecurity security) throws Exception {
    Injector injector = kernel.injector();
    ApiServer server = new ApiServer(new ApiServerSettings("127.0.0.1", 0, null, null, null, null, null, null), dir.resolve(name),
        injector.getInstance(Store.class), injector.getInstance(KindRegistry.class), admission, ObjectValidator.KUBERNETES,
        injector.getInstance(Clock.class), injector.getInstance(TaskExecutor.class), injector.getInstance(ApiExtensions.class),
        NonResourceEndpoints.NONE, security, Optional.empty());
    server.start();
    return server;
  }

  /**
   * A bearer token over plain HTTP to a server with the configured authenticators, authorizers and
   * admission: the cost of authentication and authorization without TLS's.
   */
  ApiClient plainWithToken(String token) {
    return new HttpApiClient(new ClientConnection(URI.create(tokenServer.url()), Optional.empty(), Optional.of(token)),
        kernel.injector().getInstance(KindRegistry.class));
  }

  ApiClient bare() {
    return new HttpApiClient(URI.create(bareServer.url()), Optional.empty(), kernel.injector().getInstance(KindRegistry.class));
  }

  /** The plain server's URL, for clients that speak HTTP themselves. */
  URI plainUrl() {
    return URI.create(plainServer.url());
  }

  ApiClient plain() {
    return new HttpApiClient(URI.create(plainServer.url()), Optional.empty(), kernel.injector().getInstance(KindRegistry.class));
  }

  private ApiServer secureServer() {
    return kernel.injector().getInstance(ApiServer.class);
  }

  private ClusterPki pki() {
    return kernel.injector().getInstance(ClusterPki.class);
  }

  ApiClient withToken(String token) throws Exception {
    return new HttpApiClient(new ClientConnection(URI.create(secureServer().url()),
        Optional.of(ClientConnection.tlsContext(Certificates.pem(pki().ca()), Optional.empty(), Optional.empty())),
        Optional.of(token)), kernel.injector().getInstance(KindRegistry.class));
  }

  ApiClient withCertificate(String user) throws Exception {
    Clock clock = kernel.injector().getInstance(Clock.class);
    ClusterPki.KeyPairAndCert credential = pki().issueClient(user, List.of(), clock.now().minusSeconds(60), Duration.ofHours(4));
    return new HttpApiClient(new ClientConnection(URI.create(secureServer().url()),
        Optional.of(ClientConnection.tlsContext(Certificates.pem(pki().ca()), Optional.of(Certificates.pem(credential.certificate())),
            Optional.of(Certificates.pem(credential.key())))), Optional.empty()), kernel.injector().getInstance(KindRegistry.class));
  }

  /**
   * HTTPS with a service-account token issued as the TokenRequest subresource issues it, for a new
   * ServiceAccount {@code name} in {@code namespace} bound to {@code cluster-admin}: the
   * {@code service-account} authenticator's cost (after the {@code token-file} one said no).
   */
  ApiClient withServiceAccountToken(ApiClient admin, String namespace, String name) throws Exception {
    ServiceAccount account = admin.resources(ServiceAccount.class)
        .create(new ServiceAccountBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata().build());
    ServiceAccountTokens signer = kernel.injector().getInstance(ApiSecurity.class).tokens()
        .orElseThrow(() -> new IllegalStateException("the API server issues no service-account tokens"));
    String token = signer.tokenRequest(account, KubeJson.mapper().createObjectNode(), kernel.injector().getInstance(Clock.class).now())
        .path("status").path("token").asText();
    bindClusterAdmin(admin, "capstan-bench-sa", new SubjectBuilder().withKind("ServiceAccount").withName(name).withNamespace(namespace)
        .build());
    return withToken(token);
  }

  /**
   * Binds the bench user to {@code cluster-admin}, so an RBAC authorizer (when configured) evaluates
   * and allows its requests; the user is deliberately not in system:masters, which would skip the chain.
   */
  void grantClusterAdmin(ApiClient admin, String user) {
    bindClusterAdmin(admin, "capstan-bench", new SubjectBuilder().withApiGroup("rbac.authorization.k8s.io").withKind("User")
        .withName(user).build());
  }

  private static void bindClusterAdmin(ApiClient admin, String binding, Subject subject) {
    try {
      admin.resources(ClusterRoleBinding.class).create(new ClusterRoleBindingBuilder().withNewMetadata().withName(binding)
          .endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName("cluster-admin")
          .endRoleRef().addToSubjects(subject).build());
    } catch (AlreadyExistsException again) {
      // a second store in the same run
    }
  }

  @Override
  public void close() throws Exception {
    if (plainServer != null) {
      plainServer.close();
    }
    if (bareServer != null) {
      bareServer.close();
    }
    if (tokenServer != null) {
      tokenServer.close();
    }
  }
}
