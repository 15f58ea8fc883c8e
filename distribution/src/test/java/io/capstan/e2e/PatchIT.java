package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.spi.api.KubeJson;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every patch type over HTTP on a real control plane, as kubectl sends them. */
class PatchIT {

  private static final String DEPLOYMENT = """
      {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
       "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
               "template":{"metadata":{"labels":{"app":"web"}},
                           "spec":{"containers":[{"name":"nginx","image":"nginx:1.25"},{"name":"side","image":"busybox"}]}}}}""";

  @TempDir Path dir;
  ControlPlane plane;

  @BeforeEach
  void start() throws Exception {
    plane = new ControlPlane(dir, Map.of());
  }

  @AfterEach
  void stop() {
    plane.close();
  }

  private JsonNode patch(String body, String type, int expected) throws Exception {
    HttpResponse<String> response = plane.send("PATCH", "/apis/apps/v1/namespaces/default/deployments/web?fieldManager=test", body, type);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
    return KubeJson.mapper().readTree(response.body());
  }

  @Test
  void strategicMergeKeepsTheOtherContainerAndBumpsGeneration() throws Exception {
    plane.send("POST", "/apis/apps/v1/namespaces/default/deployments", DEPLOYMENT, "application/json");
    JsonNode patched = patch("""
        {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"},{"name":"side"}],
          "containers":[{"image":"nginx:1.26","name":"nginx"}]}}}}""", "application/strategic-merge-patch+json", 200);
    JsonNode containers = patched.path("spec").path("template").path("spec").path("containers");
    assertThat(containers.size()).isEqualTo(2);
    assertThat(containers.get(0).path("image").asText()).isEqualTo("nginx:1.26");
    assertThat(patched.path("metadata").path("generation").asInt()).isEqualTo(2);
  }

  @Test
  void mergeAndJsonPatchesAndScale() throws Exception {
    plane.send("POST", "/apis/apps/v1/namespaces/default/deployments", DEPLOYMENT, "application/json");
    assertThat(patch("{\"metadata\":{\"labels\":{\"tier\":\"fe\"}}}", "application/merge-patch+json", 200)
        .path("metadata").path("labels").path("tier").asText()).isEqualTo("fe");
    assertThat(patch("[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":5}]", "application/json-patch+json", 200)
        .path("spec").path("replicas").asInt()).isEqualTo(5);
    HttpResponse<String> failedTest = plane.send("PATCH", "/apis/apps/v1/namespaces/default/deployments/web",
        "[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":9}]", "application/json-patch+json");
    assertThat(failedTest.statusCode()).isEqualTo(422);
    HttpResponse<String> scaled = plane.send("PATCH", "/apis/apps/v1/namespaces/default/deployments/web/scale",
        "{\"spec\":{\"replicas\":3}}", "application/merge-patch+json");
    assertThat(KubeJson.mapper().readTree(scaled.body()).path("spec").path("replicas").asInt()).isEqualTo(3);
    HttpResponse<String> unsupported = plane.send("PATCH", "/apis/apps/v1/namespaces/default/deployments/web", "{}", "text/plain");
    assertThat(unsupported.statusCode()).isEqualTo(415);
  }

  @Test
  void serverSideApplyCreatesThenUpdatesAndRecordsOwnership() throws Exception {
    JsonNode created = patch(DEPLOYMENT, "application/apply-patch+yaml", 201);
    assertThat(created.path("metadata").path("managedFields").get(0).path("manager").asText()).isEqualTo("test");
    JsonNode updated = patch(DEPLOYMENT.replace("\"replicas\":2", "\"replicas\":4"), "application/apply-patch+yaml", 200);
    assertThat(updated.path("spec").path("replicas").asInt()).isEqualTo(4);
  }
}
