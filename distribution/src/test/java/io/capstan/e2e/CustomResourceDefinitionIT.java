package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CustomResourceDefinition created through the API is served while the server runs: discovery,
 * kubectl get/apply/delete, schema validation with Kubernetes' messages, defaults, pruning, the
 * status and scale subresources, and deletion of its objects with the CRD.
 */
class CustomResourceDefinitionIT {

  static final String CRD = """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: crontabs.stable.example.com
      spec:
        group: stable.example.com
        scope: Namespaced
        names: {plural: crontabs, singular: crontab, kind: CronTab, shortNames: [ct]}
        versions:
        - name: v1
          served: true
          storage: true
          subresources:
            status: {}
            scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas}
          additionalPrinterColumns:
          - {name: Spec, type: string, jsonPath: .spec.cronSpec}
          - {name: Replicas, type: integer, jsonPath: .spec.replicas}
          schema:
            openAPIV3Schema:
              type: object
              properties:
                spec:
                  type: object
                  required: [cronSpec, image]
                  properties:
                    cronSpec: {type: string, pattern: '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$'}
                    image: {type: string}
                    replicas: {type: integer, minimum: 1, maximum: 10, default: 1}
                    policy: {type: string, enum: [Allow, Forbid]}
                status:
                  type: object
                  properties:
                    replicas: {type: integer}
      """;

  @TempDir Path dir;
  ControlPlane plane;
  Kubectl kubectl;

  @BeforeEach
  void start() throws Exception {
    Kubectl.requireKubectl();
    plane = new ControlPlane(dir.resolve("data"), Map.of());
    kubectl = new Kubectl(plane.kubeconfig(), dir);
    Kubectl.Result created = kubectl.runWithInput(CRD, "apply", "-f", "-");
    assertThat(created.exitCode()).as(created.all()).isZero();
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(plane.send("GET",
        "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/crontabs.stable.example.com", null, null).body())
        .contains("\"status\":\"True\",\"type\":\"Established\""));
  }

  @AfterEach
  void stop() {
    if (plane != null) {
      plane.close();
    }
  }

  private Kubectl.Result apply(String yaml) throws Exception {
    return kubectl.runWithInput(yaml, "apply", "-f", "-");
  }

  @Test
  void kubectlDiscoversAppliesPrintsScalesAndDeletes() throws Exception {
    assertThat(kubectl.run("api-resources", "--api-group=stable.example.com").out())
        .containsPattern("crontabs +ct +stable.example.com/v1 +true +CronTab");
    Kubectl.Result applied = apply("""
        apiVersion: stable.example.com/v1
        kind: CronTab
        metadata: {name: nightly}
        spec: {cronSpec: "0 3 * * *", image: backup:1}
        """);
    assertThat(applied.exitCode()).as(applied.all()).isZero();
    assertThat(applied.out()).contains("crontab.stable.example.com/nightly created");
    assertThat(kubectl.run("get", "ct", "nightly", "-o", "jsonpath={.spec.replicas}").out())
        .as("the schema's default is filled in").isEqualTo("1");
    assertThat(kubectl.run("get", "crontabs").out()).containsPattern("NAME +SPEC +REPLICAS")
        .containsPattern("nightly +0 3 \\* \\* \\* +1");

    Kubectl.Result scaled = kubectl.run("scale", "crontab/nightly", "--replicas=4");
    assertThat(scaled.exitCode()).as(scaled.all()).isZero();
    assertThat(kubectl.run("get", "ct", "nightly", "-o", "jsonpath={.spec.replicas}").out()).isEqualTo("4");

    Kubectl.Result edited = apply("""
        apiVersion: stable.example.com/v1
        kind: CronTab
        metadata: {name: nightly}
        spec: {cronSpec: "0 4 * * *", image: backup:2, replicas: 4}
        """);
    assertThat(edited.out()).as(edited.all()).contains("configured");
    assertThat(kubectl.run("get", "ct", "nightly", "-o", "jsonpath={.spec.image}").out()).isEqualTo("backup:2");
    assertThat(kubectl.run("delete", "ct", "nightly").out()).contains("deleted");
  }

  @Test
  void objectsThatBreakTheSchemaAreRefusedWithKubernetesMessages() throws Exception {
    Kubectl.Result tooMany = apply("""
        apiVersion: stable.example.com/v1
        kind: CronTab
        metadata: {name: bad}
        spec: {cronSpec: "* * * * *", image: x, replicas: 20, policy: Sometimes}
        """);
    assertThat(tooMany.exitCode()).isNotZero();
    assertThat(tooMany.err()).contains("The CronTab \"bad\" is invalid")
        .contains("spec.replicas: Invalid value: 20: spec.replicas in body should be less than or equal to 10")
        .contains("spec.policy: Unsupported value: \"Sometimes\": supported values: \"Allow\", \"Forbid\"");
    Kubectl.Result missing = apply("""
        apiVersion: stable.example.com/v1
        kind: CronTab
        metadata: {name: bad}
        spec: {cronSpec: "not a schedule"}
        """);
    assertThat(missing.err()).contains("spec.image: Required value")
        .contains("spec.cronSpec: Invalid value: \"not a schedule\": spec.cronSpec in body should match");
    Kubectl.Result wrongType = apply("""
        apiVersion: stable.example.com/v1
        kind: CronTab
        metadata: {name: bad}
        spec: {cronSpec: "* * * * *", image: x, replicas: "two"}
        """);
    assertThat(wrongType.err()).contains(
        "spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"");
    Kubectl.Result unknown = apply("""
        apiVersion: stable.example.com/v1
        kind: CronTab
        metadata: {name: bad}
        spec: {cronSpec: "* * * * *", image: x, bogus: 1}
        """);
    assertThat(unknown.err()).contains("strict decoding error: unknown field \"spec.bogus\"");
    assertThat(kubectl.run("get", "ct", "-o", "name").out()).as("nothing was stored").isBlank();
  }

  @Test
  void statusIsWrittenOnlyThroughItsSubresource() throws Exception {
    apply("""
        apiVersion: stable.example.com/v1
        kind: CronTab
        metadata: {name: s, namespace: default}
        spec: {cronSpec: "* * * * *", image: x}
        status: {replicas: 9}
        """);
    assertThat(kubectl.run("get", "ct", "s", "-o", "jsonpath={.status.replicas}").out())
        .as("status given on create is dropped").isEmpty();
    String object = plane.send("GET", "/apis/stable.example.com/v1/namespaces/default/crontabs/s", null, null).body();
    String withStatus = object.replaceFirst("\\}$", ",\"status\":{\"replicas\":2}}");
    assertThat(plane.send("PUT", "/apis/stable.example.com/v1/namespaces/default/crontabs/s/status", withStatus,
        "application/json").statusCode()).isEqualTo(200);
    assertThat(kubectl.run("get", "ct", "s", "-o", "jsonpath={.status.replicas}").out()).isEqualTo("2");
    assertThat(kubectl.run("get", "--raw", "/apis/stable.example.com/v1/namespaces/default/crontabs/s/scale").out())
        .contains("\"replicas\":1").contains("\"status\":{\"replicas\":2");
  }

  @Test
  void deletingTheDefinitionDeletesItsObjectsAndStopsServingIt() throws Exception {
    for (String ns : new String[] {"default", "kube-system"}) {
      Kubectl.Result made = apply("apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata: {name: t, namespace: " + ns
          + "}\nspec: {cronSpec: \"* * * * *\", image: x}\n");
      assertThat(made.exitCode()).as(made.all()).isZero();
    }
    Kubectl.Result deleted = kubectl.run("delete", "crd", "crontabs.stable.example.com", "--timeout=20s");
    assertThat(deleted.exitCode()).as(deleted.all()).isZero();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(kubectl.run("get", "crd", "-o", "name").out()).doesNotContain("crontabs");
      assertThat(plane.send("GET", "/apis/stable.example.com/v1/crontabs", null, null).statusCode()).isEqualTo(404);
    });
    // created again, it starts empty: the old objects went with the old definition
    apply(CRD);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(plane.send("GET", "/apis/stable.example.com/v1/crontabs", null, null).statusCode()).isEqualTo(200));
    assertThat(kubectl.run("get", "ct", "-A", "-o", "name").out()).isBlank();
  }

  @Test
  void theFabric8ClientWorksWithCustomObjects() throws Exception {
    try (KubernetesClient client = new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(Files.readString(plane.kubeconfig()))).build()) {
      var crontabs = client.genericKubernetesResources("stable.example.com/v1", "CronTab").inNamespace("default");
      GenericKubernetesResource created = crontabs.resource(new GenericKubernetesResourceBuilder()
          .withApiVersion("stable.example.com/v1").withKind("CronTab").withNewMetadata().withName("f").endMetadata()
          .addToAdditionalProperties("spec", Map.of("cronSpec", "*/5 * * * *", "image", "y")).build()).create();
      assertThat(created.getMetadata().getUid()).isNotBlank();
      assertThat(crontabs.list().getItems()).extracting(o -> o.getMetadata().getName()).containsExactly("f");
      assertThat(((Map<?, ?>) crontabs.withName("f").get().getAdditionalProperties().get("spec")).get("replicas"))
          .isEqualTo(1);
      assertThatThrownBy(() -> crontabs.resource(new GenericKubernetesResourceBuilder()
          .withApiVersion("stable.example.com/v1").withKind("CronTab").withNewMetadata().withName("g").endMetadata()
          .addToAdditionalProperties("spec", Map.of("cronSpec", "* * * * *", "image", "y", "replicas", 0)).build()).create())
          .isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining("spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1");
      assertThat(crontabs.withName("f").delete()).isNotEmpty();
    }
  }
}
