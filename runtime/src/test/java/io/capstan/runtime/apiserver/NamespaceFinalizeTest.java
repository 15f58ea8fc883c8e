package io.capstan.runtime.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.runtime.apiserver.http.ApiExtensions;
import io.capstan.spi.api.KubeJson;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Namespace deletion as Kubernetes does it: a namespace with spec.finalizers is only marked
 * (deletionTimestamp, phase Terminating) until the namespace controller empties the list through
 * the finalize subresource; then it is gone.
 */
class NamespaceFinalizeTest {

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

  @Test
  void deleteMarksTerminatingAndFinalizeRemoves() throws Exception {
    assertThat(api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"team\"}}")
        .statusCode()).isEqualTo(201);
    assertThat(api.send("DELETE", "/api/v1/namespaces/team", null, null).statusCode()).isEqualTo(200);
    JsonNode marked = KubeJson.mapper().readTree(api.get("/api/v1/namespaces/team").body());
    assertThat(marked.path("metadata").path("deletionTimestamp").asText()).isNotEmpty();
    assertThat(marked.path("status").path("phase").asText()).isEqualTo("Terminating");
    assertThat(marked.path("spec").path("finalizers").get(0).asText()).isEqualTo("kubernetes");

    var finalized = api.put("/api/v1/namespaces/team/finalize",
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"team\"},\"spec\":{\"finalizers\":[]}}");
    assertThat(finalized.statusCode()).isEqualTo(200);
    assertThat(api.get("/api/v1/namespaces/team").statusCode()).isEqualTo(404);
  }

  @Test
  void aNamespaceWithoutFinalizersGoesAtOnce() throws Exception {
    api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"quick\"}}");
    api.put("/api/v1/namespaces/quick/finalize",
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"quick\"},\"spec\":{\"finalizers\":[]}}");
    assertThat(api.get("/api/v1/namespaces/quick").statusCode()).isEqualTo(200);
    assertThat(api.send("DELETE", "/api/v1/namespaces/quick", null, null).statusCode()).isEqualTo(200);
    assertThat(api.get("/api/v1/namespaces/quick").statusCode()).isEqualTo(404);
  }
}
