package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.capstan.spi.api.KubeJson;
import io.capstan.tck.fixtures.Manifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real-world manifest of the kit, one built-in kind after another, through kubectl: created
 * under strict validation, read back with its fields, listed in a Table, and deleted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlKindsIT {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  Path dir;
  ControlPlane plane;
  Kubectl kubectl;

  @BeforeAll
  void start() throws Exception {
    Kubectl.requireKubectl();
    dir = Files.createTempDirectory("capstan-kubectl-kinds");
    plane = new ControlPlane(dir.resolve("data"), Map.of());
    kubectl = new Kubectl(plane.kubeconfig(), dir);
    for (String namespace : new String[] {"prod", "ops", "research", "lab"}) {
      assertThat(kubectl.run("create", "namespace", namespace).exitCode()).isZero();
      // Pods need their namespace's default ServiceAccount (ServiceAccount admission); only the API
      // server runs here, so no serviceaccount controller creates it.
      Kubectl.Result account = kubectl.run("create", "serviceaccount", "default", "-n", namespace);
      assertThat(account.exitCode() == 0 || account.err().contains("AlreadyExists")).as(account.all()).isTrue();
    }
  }

  @AfterAll
  void stop() {
    if (plane != null) {
      plane.close();
    }
  }

  Stream<Manifests.Manifest> manifests() {
    // Manifests with fields Capstan does not model are accepted under --validate=false only, as on Kubernetes.
    return Manifests.all().stream().filter(m -> !m.name().startsWith("unmodeled"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  void createGetListDelete(Manifests.Manifest manifest) throws Exception {
    JsonNode source = YAML.readTree(manifest.yaml());
    String kind = source.path("kind").asText();
    String name = source.path("metadata").path("name").asText();
    String namespace = source.path("metadata").path("namespace").asText("");
    Path file = Files.writeString(dir.resolve(manifest.name() + ".yaml"), manifest.yaml());
    Kubectl.Result created = kubectl.run("create", "-f", file.toString());
    assertThat(created.exitCode()).as(created.all()).isZero();
    assertThat(created.out()).contains(name, "created");

    String[] scope = namespace.isEmpty() ? new String[0] : new String[] {"-n", namespace};
    String resource = kind.toLowerCase();
    Kubectl.Result json = kubectl.run(concat(new String[] {"get", resource, name, "-o", "json"}, scope));
    assertThat(json.exitCode()).as(json.all()).isZero();
    JsonNode stored = KubeJson.mapper().readTree(json.out());
    assertThat(stored.path("metadata").path("uid").asText()).isNotEmpty();
    if (source.has("spec")) {
      source.path("spec").fieldNames().forEachRemaining(field ->
          assertThat(stored.path("spec").has(field)).as("%s keeps spec.%s", manifest.name(), field).isTrue());
    }
    Kubectl.Result table = kubectl.run(concat(new String[] {"get", resource}, scope));
    assertThat(table.exitCode()).as(table.all()).isZero();
    assertThat(table.out()).startsWith("NAME").contains(name);
    Kubectl.Result deleted = kubectl.run("delete", "-f", file.toString(), "--wait=false");
    assertThat(deleted.exitCode()).as(deleted.all()).isZero();
  }

  @Test
  void unmodeledFieldsNeedValidationOffAndAreKept() throws Exception {
    for (Manifests.Manifest manifest : Manifests.all()) {
      if (!manifest.name().startsWith("unmodeled")) {
        continue;
      }
      Path file = Files.writeString(dir.resolve(manifest.name() + ".yaml"), manifest.yaml());
      Kubectl.Result created = kubectl.run("create", "--validate=false", "-f", file.toString());
      assertThat(created.exitCode()).as(created.all()).isZero();
    }
  }

  private static String[] concat(String[] a, String[] b) {
    return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
  }
}
