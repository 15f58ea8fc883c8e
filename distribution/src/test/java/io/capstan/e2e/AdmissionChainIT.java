package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default admission chain in a real control plane. */
class AdmissionChainIT {

  @TempDir Path dir;
  ControlPlane plane;

  @BeforeEach
  void start() {
    plane = new ControlPlane(dir, Map.of());
  }

  @AfterEach
  void stop() {
    plane.close();
  }

  @Test
  void nothingIsCreatedInAMissingNamespaceAndSystemNamespacesCannotBeDeleted() throws Exception {
    HttpResponse<String> missing = plane.send("POST", "/api/v1/namespaces/nope/configmaps",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}", "application/json");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("namespaces \\\"nope\\\" not found");
    HttpResponse<String> system = plane.send("DELETE", "/api/v1/namespaces/kube-system", null, null);
    assertThat(system.statusCode()).isEqualTo(403);
    assertThat(system.body()).contains("this namespace may not be deleted");
    HttpResponse<String> ok = plane.send("POST", "/api/v1/namespaces/default/configmaps",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}", "application/json");
    assertThat(ok.statusCode()).isEqualTo(201);
  }
}
