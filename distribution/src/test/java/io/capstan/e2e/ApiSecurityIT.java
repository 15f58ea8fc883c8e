package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.apiserver.security.Certificates;
import io.capstan.runtime.apiserver.security.ClusterPki;
import io.capstan.runtime.client.http.ClientConnection;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.ResourceKind;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The security of the request path against a real control plane over HTTPS: 401 without
 * credentials, tokens from the token file, client certificates (the cluster CA's only, and only
 * while valid), service-account tokens from {@code kubectl create token} that die with their
 * account, impersonation that needs the right to impersonate, and {@code kubectl auth can-i}.
 * Authorization is the test-only {@code test-policy} authorizer (see {@link TestPolicyAuthorizerFactory}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiSecurityIT {

  Path dir;
  ControlPlane plane;
  Kubectl admin;
  String caPem;

  @BeforeAll
  void start() throws Exception {
    Kubectl.requireKubectl();
    dir = Files.createTempDirectory("capstan-security-it");
    Path tokens = Files.writeString(dir.resolve("tokens.csv"), """
        # token,user,uid,groups
        alice-token,alice,u-alice,"devs,qa"
        bob-token,bob,u-bob
        """);
    plane = new ControlPlane(dir.resolve("data"), Map.of("authentication.token-file.path", tokens.toString(),
        "apiserver.authorization", "test-policy"));
    caPem = Certificates.pem(plane.pki().ca());
    for (String ns : List.of("a", "b")) {
      assertThat(plane.send("POST", "/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + ns + "\"}}", "application/json")
          .statusCode()).isEqualTo(201);
    }
    admin = new Kubectl(plane.kubeconfig(), dir.resolve("admin"));
  }

  @AfterAll
  void stop() {
    if (plane != null) {
      plane.close();
    }
  }

  private HttpClient trustingOnly() throws Exception {
    return ControlPlane.client(new ClientConnection(java.net.URI.create(plane.url()),
        Optional.of(ClientConnection.tlsContext(caPem, Optional.empty(), Optional.empty())), Optional.empty()));
  }

  private HttpClient withCertificate(X509Certificate cert, PrivateKey key) throws Exception {
    return ControlPlane.client(new ClientConnection(java.net.URI.create(plane.url()),
        Optional.of(ClientConnection.tlsContext(caPem, Optional.of(Certificates.pem(cert)), Optional.of(Certificates.pem(key)))),
        Optional.empty()));
  }

  private HttpResponse<String> get(HttpClient client, String token, String path) throws Exception {
    return plane.send(client, token.isEmpty() ? Map.of() : Map.of("Authorization", "Bearer " + token), "GET", path, null, null);
  }

  /** A kubeconfig with the cluster CA and a bearer token only, as an operator hands one out. */
  private Kubectl kubectlWithToken(String name, String token) throws Exception {
    Path workDir = Files.createDirectories(dir.resolve(name));
    Path config = Files.writeString(workDir.resolve("kubeconfig"), """
        apiVersion: v1
        kind: Config
        clusters:
        - name: capstan
          cluster:
            server: %s
            certificate-authority-data: %s
        contexts:
        - name: capstan
          context: {cluster: capstan, user: %s, namespace: default}
        current-context: capstan
        users:
        - name: %s
          user:
            token: %s
        """.formatted(plane.url(), Base64.getEncoder().encodeToString(caPem.getBytes()), name, name, token));
    return new Kubectl(config, workDir);
  }

  @Test
  void everyResourcePathWithoutCredentialsIsUnauthorized() throws Exception {
    HttpClient client = trustingOnly();
    List<String> paths = new ArrayList<>(List.of("/version", "/healthz", "/readyz", "/api", "/apis", "/openapi/v3"));
    for (ResourceKind kind : plane.kernel().injector().getInstance(KindRegistry.class).all()) {
      String prefix = kind.group().isEmpty() ? "/api/v1" : "/apis/" + kind.group() + "/" + kind.version();
      String collection = prefix + (kind.namespaced() ? "/namespaces/default/" : "/") + kind.plural();
      paths.add(collection);
      paths.add(collection + "/some-name");
      paths.add(prefix + "/" + kind.plural() + "?watch=true");
    }
    for (String path : paths) {
      HttpResponse<String> response = get(client, "", path);
      assertThat(response.statusCode()).as("GET %s", path).isEqualTo(401);
      assertThat(response.body()).as("GET %s", path).contains("\"reason\":\"Unauthorized\"");
    }
    HttpResponse<String> create = plane.send(client, Map.of(), "POST", "/api/v1/namespaces/a/configmaps",
        "{\"metadata\":{\"name\":\"x\"}}", "application/json");
    assertThat(create.statusCode()).isEqualTo(401);
    assertThat(get(client, "not-a-token", "/api/v1/namespaces/a/pods").statusCode()).isEqualTo(401);
  }

  @Test
  void tokenFromTheTokenFileAuthenticatesAndIsAuthorizedPerNamespace() throws Exception {
    HttpClient client = trustingOnly();
    assertThat(get(client, "bob-token", "/api/v1/namespaces/a/pods").statusCode()).isEqualTo(200);
    HttpResponse<String> denied = get(client, "bob-token", "/api/v1/namespaces/b/pods");
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.body()).contains("\"reason\":\"Forbidden\"")
        .contains("pods is forbidden: User \\\"bob\\\" cannot list resource \\\"pods\\\" in API group \\\"\\\" in the namespace \\\"b\\\"");
    HttpResponse<String> write = plane.send(client, Map.of("Authorization", "Bearer bob-token"), "POST",
        "/api/v1/namespaces/b/configmaps", "{\"metadata\":{\"name\":\"sneaky\"}}", "application/json");
    assertThat(write.statusCode()).isEqualTo(403);
    assertThat(plane.send("GET", "/api/v1/namespaces/b/configmaps/sneaky", null, null).statusCode())
        .as("a refused write changes nothing").isEqualTo(404);

    Kubectl bob = kubectlWithToken("bob", "bob-token");
    assertThat(bob.run("auth", "whoami", "-o", "jsonpath={.status.userInfo.username}").out()).isEqualTo("bob");
    assertThat(bob.run("get", "pods", "-n", "b").all())
        .contains("pods is forbidden: User \"bob\" cannot list resource \"pods\" in API group \"\" in the namespace \"b\"");
  }

  @Test
  void clientCertificatesOfTheClusterCaOnlyAndOnlyWhileValid() throws Exception {
    Instant now = Instant.now();
    ClusterPki.KeyPairAndCert bob = plane.pki().issueClient("bob", List.of("devs"), now.minusSeconds(60), Duration.ofHours(1));
    assertThat(get(withCertificate(bob.certificate(), bob.key()), "", "/api/v1/namespaces/a/pods").statusCode()).isEqualTo(200);
    assertThat(get(withCertificate(bob.certificate(), bob.key()), "", "/api/v1/namespaces/b/pods").statusCode()).isEqualTo(403);

    ClusterPki.KeyPairAndCert expired = plane.pki().issueClient("bob", List.of(), now.minus(Duration.ofDays(2)), Duration.ofDays(1));
    assertThat(get(withCertificate(expired.certificate(), expired.key()), "", "/api/v1/namespaces/a/pods").statusCode())
        .as("expired certificate").isEqualTo(401);

    KeyPair otherCaKeys = Certificates.newKeyPair();
    X509Certificate otherCa = Certificates.selfSignedCa("other-ca", otherCaKeys, now.minusSeconds(60), Duration.ofDays(1));
    KeyPair keys = Certificates.newKeyPair();
    X509Certificate foreign = Certificates.client("bob", List.of("system:masters"), keys, otherCa, otherCaKeys.getPrivate(),
        now.minusSeconds(60), Duration.ofHours(1));
    assertThat(get(withCertificate(foreign, keys.getPrivate()), "", "/api/v1/namespaces/a/pods").statusCode())
        .as("certificate from another CA").isEqualTo(401);
  }

  @Test
  void serviceAccountTokenWorksUntilTheAccountIsDeleted() throws Exception {
    assertThat(admin.run("create", "serviceaccount", "robot").exitCode()).isZero();
    Kubectl.Result created = admin.run("create", "token", "robot");
    assertThat(created.exitCode()).as(created.all()).isZero();
    String token = created.out().trim();
    HttpClient client = trustingOnly();
    assertThat(get(client, token, "/api/v1/namespaces/default/pods").statusCode()).isEqualTo(200);
    Kubectl robot = kubectlWithToken("robot", token);
    assertThat(robot.run("auth", "whoami", "-o", "jsonpath={.status.userInfo.username}").out())
        .isEqualTo("system:serviceaccount:default:robot");
    assertThat(get(client, token, "/api/v1/namespaces/default/secrets").statusCode()).isEqualTo(403);

    assertThat(admin.run("delete", "serviceaccount", "robot").exitCode()).isZero();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(get(client, token, "/api/v1/namespaces/default/pods").statusCode()).isEqualTo(401));
    assertThat(admin.run("create", "serviceaccount", "robot").exitCode()).isZero();
    assertThat(get(client, token, "/api/v1/namespaces/default/pods").statusCode())
        .as("a new account of the same name has another uid").isEqualTo(401);
  }

  @Test
  void impersonationNeedsTheRightToImpersonate() throws Exception {
    HttpClient client = trustingOnly();
    Map<String, String> aliceAsBob = Map.of("Authorization", "Bearer alice-token", "Impersonate-User", "bob");
    assertThat(plane.send(client, aliceAsBob, "GET", "/api/v1/namespaces/a/pods", null, null).statusCode()).isEqualTo(200);
    HttpResponse<String> asBobInB = plane.send(client, aliceAsBob, "GET", "/api/v1/namespaces/b/pods", null, null);
    assertThat(asBobInB.statusCode()).isEqualTo(403);
    assertThat(asBobInB.body()).contains("User \\\"bob\\\" cannot list");

    HttpResponse<String> asCarol = plane.send(client, Map.of("Authorization", "Bearer alice-token", "Impersonate-User", "carol"),
        "GET", "/api/v1/namespaces/a/pods", null, null);
    assertThat(asCarol.statusCode()).isEqualTo(403);
    assertThat(asCarol.body()).contains(
        "users \\\"carol\\\" is forbidden: User \\\"alice\\\" cannot impersonate resource \\\"users\\\" in API group \\\"\\\" at the cluster scope");
    assertThat(plane.send(client, Map.of("Authorization", "Bearer bob-token", "Impersonate-User", "alice"),
        "GET", "/api/v1/namespaces/a/pods", null, null).statusCode()).isEqualTo(403);

    Kubectl alice = kubectlWithToken("alice", "alice-token");
    assertThat(alice.run("auth", "whoami", "--as=bob", "-o", "jsonpath={.status.userInfo.username}").out()).isEqualTo("bob");
    assertThat(alice.run("get", "pods", "-n", "b", "--as=bob").all()).contains("User \"bob\" cannot list resource \"pods\"");
    assertThat(admin.run("get", "pods", "-n", "b", "--as=anyone").all()).as("the admin (system:masters) may impersonate anyone")
        .contains("User \"anyone\" cannot list resource \"pods\"");
  }

  @Test
  void kubectlAuthCanIAnswersFromTheAuthorizers() throws Exception {
    Kubectl bob = kubectlWithToken("bob-can-i", "bob-token");
    Kubectl.Result yes = bob.run("auth", "can-i", "create", "deployments", "-n", "a");
    assertThat(yes.out().trim()).as(yes.all()).isEqualTo("yes");
    assertThat(yes.exitCode()).isZero();
    Kubectl.Result no = bob.run("auth", "can-i", "list", "pods", "-n", "b");
    assertThat(no.out().trim()).as(no.all()).isEqualTo("no");
    assertThat(no.exitCode()).isEqualTo(1);
    Kubectl.Result adminAsBob = admin.run("auth", "can-i", "delete", "pods", "-n", "b", "--as=bob");
    assertThat(adminAsBob.out().trim()).as(adminAsBob.all()).isEqualTo("no");
    assertThat(admin.run("auth", "can-i", "delete", "nodes").out().trim()).isEqualTo("yes");
  }
}
