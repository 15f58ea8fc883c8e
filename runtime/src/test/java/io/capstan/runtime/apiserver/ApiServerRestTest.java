package io.capstan.runtime.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.runtime.apiserver.http.ApiExtensions;
import io.capstan.spi.api.KubeJson;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST surface over real sockets: CRUD, optimistic concurrency, lists, errors as Status. */
class ApiServerRestTest {

  @TempDir Path dir;
  ApiServerFixture api;

  @BeforeEach
  void start() throws Exception {
    api = new ApiServerFixture(dir, ApiExtensions.NONE);
  }

  @AfterEach
  void stop() throws Exception {
    api.close();
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return KubeJson.mapper().readTree(response.body());
  }

  private static final String CONFIGMAP = """
      {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg","labels":{"app":"web"}},"data":{"a":"1"}}""";

  @Test
  void systemNamespacesExistFromTheStart() throws Exception {
    JsonNode list = json(api.get("/api/v1/namespaces"));
    assertThat(list.path("kind").asText()).isEqualTo("NamespaceList");
    assertThat(list.path("items").findValuesAsText("name")).containsExactly("default", "kube-node-lease", "kube-public", "kube-system");
    assertThat(list.path("items").get(0).path("status").path("phase").asText()).isEqualTo("Active");
  }

  @Test
  void createGetUpdateDeleteWithServerFilledMetadata() throws Exception {
    HttpResponse<String> created = api.post("/api/v1/namespaces/default/configmaps", CONFIGMAP);
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode meta = json(created).path("metadata");
    assertThat(meta.path("uid").asText()).hasSize(36);
    assertThat(meta.path("namespace").asText()).isEqualTo("default");
    assertThat(meta.path("creationTimestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    String version = meta.path("resourceVersion").asText();

    JsonNode fetched = json(api.get("/api/v1/namespaces/default/configmaps/cfg"));
    assertThat(fetched.path("data").path("a").asText()).isEqualTo("1");
    assertThat(fetched.path("metadata").path("resourceVersion").asText()).isEqualTo(version);

    String update = CONFIGMAP.replace("\"a\":\"1\"", "\"a\":\"2\"").replace("\"name\":\"cfg\"", "\"name\":\"cfg\",\"resourceVersion\":\"" + version + "\"");
    HttpResponse<String> updated = api.put("/api/v1/namespaces/default/configmaps/cfg", update);
    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(json(updated).path("metadata").path("uid").asText()).isEqualTo(meta.path("uid").asText());

    HttpResponse<String> stale = api.put("/api/v1/namespaces/default/configmaps/cfg", update);
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(json(stale).path("reason").asText()).isEqualTo("Conflict");
    assertThat(json(stale).path("message").asText()).isEqualTo(
        "Operation cannot be fulfilled on configmaps \"cfg\": the object has been modified; please apply your changes to the latest version and try again");

    assertThat(api.send("DELETE", "/api/v1/namespaces/default/configmaps/cfg", null, null).statusCode()).isEqualTo(200);
    HttpResponse<String> gone = api.get("/api/v1/namespaces/default/configmaps/cfg");
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(json(gone).path("message").asText()).isEqualTo("configmaps \"cfg\" not found");
    assertThat(json(gone).path("kind").asText()).isEqualTo("Status");
  }

  @Test
  void aSecondCreateIsAlreadyExistsAndChangesNothing() throws Exception {
    api.post("/api/v1/namespaces/default/configmaps", CONFIGMAP);
    HttpResponse<String> again = api.post("/api/v1/namespaces/default/configmaps", CONFIGMAP.replace("\"1\"", "\"9\""));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(json(again).path("reason").asText()).isEqualTo("AlreadyExists");
    assertThat(json(api.get("/api/v1/namespaces/default/configmaps/cfg")).path("data").path("a").asText()).isEqualTo("1");
  }

  @Test
  void deploymentsBumpGenerationOnSpecChangesOnlyAndKeepStatusOutOfSpecWrites() throws Exception {
    String deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
         "spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},
                 "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}},
         "status":{"replicas":7}}""";
    JsonNode created = json(api.post("/apis/apps/v1/namespaces/default/deployments", deployment));
    assertThat(created.path("metadata").path("generation").asLong()).isEqualTo(1);
    assertThat(created.path("status").path("replicas").isMissingNode()).as("status is the controller's, not the creator's").isTrue();
    JsonNode relabeled = json(api.put("/apis/apps/v1/namespaces/default/deployments/web",
        deployment.replace("\"name\":\"web\"}", "\"name\":\"web\",\"labels\":{\"x\":\"y\"}}")));
    assertThat(relabeled.path("metadata").path("generation").asLong()).isEqualTo(1);
    JsonNode scaled = json(api.put("/apis/apps/v1/namespaces/default/deployments/web", deployment.replace("\"replicas\":1", "\"replicas\":3")));
    assertThat(scaled.path("metadata").path("generation").asLong()).isEqualTo(2);
    JsonNode scale = json(api.get("/apis/apps/v1/namespaces/default/deployments/web/scale"));
    assertThat(scale.path("kind").asText()).isEqualTo("Scale");
    assertThat(scale.path("spec").path("replicas").asInt()).isEqualTo(3);
    assertThat(scale.path("status").path("selector").asText()).isEqualTo("app=web");
  }

  @Test
  void listsFilterBySelectorsAndPageThroughOneSnapshot() throws Exception {
    for (int i = 0; i < 5; i++) {
      api.post("/api/v1/namespaces/default/configmaps", CONFIGMAP.replace("\"cfg\"", "\"cfg-" + i + "\"")
          .replace("\"web\"", i % 2 == 0 ? "\"web\"" : "\"db\""));
    }
    assertThat(json(api.get("/api/v1/namespaces/default/configmaps?labelSelector=app%3Dweb")).path("items").size()).isEqualTo(3);
    assertThat(json(api.get("/api/v1/configmaps?fieldSelector=metadata.name%3Dcfg-4")).path("items").size()).isEqualTo(1);
    JsonNode page1 = json(api.get("/api/v1/namespaces/default/configmaps?limit=2"));
    assertThat(page1.path("items").size()).isEqualTo(2);
    String token = page1.path("metadata").path("continue").asText();
    api.post("/api/v1/namespaces/default/configmaps", CONFIGMAP.replace("\"cfg\"", "\"cfg-3a\""));
    JsonNode page2 = json(api.get("/api/v1/namespaces/default/configmaps?limit=10&continue=" + token));
    assertThat(page2.path("items").findValuesAsText("name")).containsExactly("cfg-2", "cfg-3", "cfg-4");
    assertThat(page2.path("metadata").path("resourceVersion").asText()).isEqualTo(page1.path("metadata").path("resourceVersion").asText());
    HttpResponse<String> bad = api.get("/api/v1/namespaces/default/pods?fieldSelector=spec.nodeNam%3Dx");
    assertThat(bad.statusCode()).isEqualTo(400);
  }

  @Test
  void badInputGetsAStatusAndChangesNothing() throws Exception {
    HttpResponse<String> malformed = api.post("/api/v1/namespaces/default/configmaps", "{not json");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(json(malformed).path("reason").asText()).isEqualTo("BadRequest");
    HttpResponse<String> wrongKind = api.post("/api/v1/namespaces/default/configmaps", CONFIGMAP.replace("ConfigMap", "Secret"));
    assertThat(wrongKind.statusCode()).isEqualTo(400);
    HttpResponse<String> unknownField = api.post("/api/v1/namespaces/default/configmaps?fieldValidation=Strict",
        CONFIGMAP.replace("\"data\"", "\"dat\""));
    assertThat(unknownField.statusCode()).isEqualTo(400);
    assertThat(json(unknownField).path("message").asText()).contains("strict decoding error: unknown field \"dat\"");
    HttpResponse<String> noSuchResource = api.get("/api/v1/namespaces/default/widgets");
    assertThat(noSuchResource.statusCode()).isEqualTo(404);
    HttpResponse<String> huge = api.post("/api/v1/namespaces/default/configmaps", "{\"x\":\"" + "a".repeat(3 * 1024 * 1024 + 10) + "\"}");
    assertThat(huge.statusCode()).isEqualTo(413);
    assertThat(json(api.get("/api/v1/namespaces/default/configmaps")).path("items").size()).isZero();
  }

  @Test
  void healthAndPrometheusMetricsAreServed() throws Exception {
    assertThat(api.get("/healthz").body()).isEqualTo("ok");
    assertThat(api.get("/readyz").statusCode()).isEqualTo(200);
    api.post("/api/v1/namespaces/default/configmaps", CONFIGMAP);
    String metrics = api.get("/metrics").body();
    assertThat(metrics).containsPattern("apiserver_request_seconds_count\\{code=\"201\",resource=\"configmaps\",verb=\"create\"} 1");
    assertThat(metrics).contains("apiserver_store_request_seconds_count{operation=\"txn\"}");
    assertThat(metrics).contains("apiserver_watchers ");
    assertThat(metrics).contains("jvm_memory_used_bytes");
  }

  @Test
  void evictionRespectsThePodsDisruptionBudget() throws Exception {
    api.post("/api/v1/namespaces/default/pods", """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"app":"db"}},"spec":{"containers":[{"name":"c","image":"db"}]}}""");
    api.post("/apis/policy/v1/namespaces/default/poddisruptionbudgets", """
        {"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"db"},
         "spec":{"minAvailable":1,"selector":{"matchLabels":{"app":"db"}}}}""");
    String eviction = "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"p\",\"namespace\":\"default\"}}";
    HttpResponse<String> unprocessed = api.post("/api/v1/namespaces/default/pods/p/eviction", eviction);
    assertThat(unprocessed.statusCode()).isEqualTo(429);
    assertThat(json(unprocessed).path("message").asText()).isEqualTo("Cannot evict pod as it would violate the pod's disruption budget.");
    JsonNode pdb = json(api.get("/apis/policy/v1/namespaces/default/poddisruptionbudgets/db"));
    ((com.fasterxml.jackson.databind.node.ObjectNode) pdb).putObject("status").put("observedGeneration", 1).put("disruptionsAllowed", 1)
        .put("currentHealthy", 1).put("desiredHealthy", 1).put("expectedPods", 1);
    assertThat(api.put("/apis/policy/v1/namespaces/default/poddisruptionbudgets/db/status", pdb.toString()).statusCode()).isEqualTo(200);
    assertThat(api.post("/api/v1/namespaces/default/pods/p/eviction", eviction).statusCode()).isEqualTo(201);
    assertThat(api.get("/api/v1/namespaces/default/pods/p").statusCode()).isEqualTo(404);
    assertThat(json(api.get("/apis/policy/v1/namespaces/default/poddisruptionbudgets/db")).path("status").path("disruptionsAllowed").asInt())
        .isZero();
  }
}
