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

  @Test
  void invalidObjectsGetKubernetesExact422AndDefaultsAreFilled() throws Exception {
    HttpResponse<String> invalid = plane.send("POST", "/apis/apps/v1/namespaces/default/deployments", """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"bad"},
         "spec":{"replicas":-1,"selector":{"matchLabels":{"app":"bad"}},
                 "template":{"metadata":{"labels":{"app":"bad"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}""",
        "application/json");
    assertThat(invalid.statusCode()).isEqualTo(422);
    var status = io.capstan.spi.api.KubeJson.mapper().readTree(invalid.body());
    assertThat(status.path("message").asText())
        .isEqualTo("Deployment.apps \"bad\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0");
    assertThat(status.path("details").path("causes").get(0).path("field").asText()).isEqualTo("spec.replicas");
    assertThat(plane.send("GET", "/apis/apps/v1/namespaces/default/deployments/bad", null, null).statusCode()).isEqualTo(404);

    HttpResponse<String> pod = plane.send("POST", "/api/v1/namespaces/default/pods",
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}",
        "application/json");
    var spec = io.capstan.spi.api.KubeJson.mapper().readTree(pod.body()).path("spec");
    assertThat(spec.path("restartPolicy").asText()).isEqualTo("Always");
    assertThat(spec.path("dnsPolicy").asText()).isEqualTo("ClusterFirst");
    assertThat(spec.path("terminationGracePeriodSeconds").asInt()).isEqualTo(30);
    assertThat(spec.path("containers").get(0).path("imagePullPolicy").asText()).isEqualTo("Always");
  }
}
