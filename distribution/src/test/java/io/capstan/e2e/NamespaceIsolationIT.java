package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.apiserver.security.Certificates;
import io.capstan.runtime.client.http.ClientConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The isolation test with the chains {@code capstan up} configures (HTTPS, token-file,
 * RBAC, the default admission plugins): a token whose user is bound to {@code edit} in namespace
 * {@code a} only gets 403 for every verb on namespace {@code b}, and nothing there changes; the
 * same verbs in {@code a} work, so the 403s come from the authorizer and not from the requests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NamespaceIsolationIT {

  private static final String CM = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"%s\"},\"data\":{\"k\":\"%s\"}}";

  Path dir;
  ControlPlane plane;
  HttpClient client;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("capstan-isolation-it");
    Path tokens = Files.writeString(dir.resolve("tokens.csv"), "carol-token,carol,u-carol\n");
    plane = new ControlPlane(dir.resolve("data"), Map.of("authentication.token-file.path", tokens.toString()));
    client = ControlPlane.client(new ClientConnection(URI.create(plane.url()),
        Optional.of(ClientConnection.tlsContext(Certificates.pem(plane.pki().ca()), Optional.empty(), Optional.empty())),
        Optional.empty()));
    for (String ns : List.of("a", "b")) {
      assertThat(plane.send("POST", "/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + ns + "\"}}", "application/json")
          .statusCode()).isEqualTo(201);
      await().atMost(Duration.ofSeconds(10)).until(() ->
          plane.send("POST", "/api/v1/namespaces/" + ns + "/configmaps", CM.formatted("cm", "v1"), "application/json").statusCode() == 201);
    }
    await().atMost(Duration.ofSeconds(10)).until(() ->
        plane.send("GET", "/apis/rbac.authorization.k8s.io/v1/clusterroles/edit", null, null).statusCode() == 200);
    assertThat(plane.send("POST", "/apis/rbac.authorization.k8s.io/v1/namespaces/a/rolebindings", """
        {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"carol-edit"},
         "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"edit"},
         "subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"carol"}]}""", "application/json")
        .statusCode()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(5)).until(() -> asCarol("GET", "/api/v1/namespaces/a/configmaps/cm", null).statusCode() == 200);
  }

  @AfterAll
  void stop() {
    if (plane != null) {
      plane.close();
    }
  }

  private HttpResponse<String> asCarol(String method, String path, String body) throws Exception {
    String type = method.equals("PATCH") ? "application/merge-patch+json" : body == null ? null : "application/json";
    return plane.send(client, Map.of("Authorization", "Bearer carol-token"), method, path, body, type);
  }

  /** Every verb of Kubernetes' RBAC on configmaps in {@code ns}: verb → method, path, body. */
  private static Map<String, String[]> everyVerb(String ns) {
    String collection = "/api/v1/namespaces/" + ns + "/configmaps";
    Map<String, String[]> verbs = new LinkedHashMap<>();
    verbs.put("get", new String[] {"GET", collection + "/cm", null});
    verbs.put("list", new String[] {"GET", collection, null});
    verbs.put("watch", new String[] {"GET", collection + "?watch=true&timeoutSeconds=1", null});
    verbs.put("create", new String[] {"POST", collection, CM.formatted("new", "x")});
    verbs.put("update", new String[] {"PUT", collection + "/cm", CM.formatted("cm", "changed")});
    verbs.put("patch", new String[] {"PATCH", collection + "/cm", "{\"data\":{\"k\":\"patched\"}}"});
    verbs.put("delete", new String[] {"DELETE", collection + "/cm", null});
    verbs.put("deletecollection", new String[] {"DELETE", collection, null});
    return verbs;
  }

  @Test
  void everyVerbOnTheOtherNamespaceIsForbiddenAndChangesNothing() throws Exception {
    String before = plane.send("GET", "/api/v1/namespaces/b/configmaps/cm", null, null).body();
    for (Map.Entry<String, String[]> verb : everyVerb("b").entrySet()) {
      String[] request = verb.getValue();
      HttpResponse<String> response = asCarol(request[0], request[1], request[2]);
      assertThat(response.statusCode()).as(verb.getKey()).isEqualTo(403);
      assertThat(response.body()).as(verb.getKey()).contains("User \\\"carol\\\" cannot " + verb.getKey()
          + " resource \\\"configmaps\\\" in API group \\\"\\\" in the namespace \\\"b\\\"");
    }
    assertThat(plane.send("GET", "/api/v1/namespaces/b/configmaps/cm", null, null).body())
        .as("the object in b, resourceVersion included").isEqualTo(before);
    assertThat(plane.send("GET", "/api/v1/namespaces/b/configmaps/new", null, null).statusCode()).isEqualTo(404);
  }

  @Test
  void theSameVerbsWorkInTheBoundNamespace() throws Exception {
    for (Map.Entry<String, String[]> verb : everyVerb("a").entrySet()) {
      String[] request = verb.getValue();
      HttpResponse<String> response = asCarol(request[0], request[1], request[2]);
      assertThat(response.statusCode()).as(verb.getKey() + ": " + response.body()).isBetween(200, 201);
    }
    assertThat(plane.send("GET", "/api/v1/namespaces/a/configmaps/cm", null, null).statusCode())
        .as("deletecollection removed it").isEqualTo(404);
  }
}
