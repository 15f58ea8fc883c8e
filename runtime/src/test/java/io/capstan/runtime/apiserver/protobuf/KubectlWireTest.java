package io.capstan.runtime.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.KubeJson;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl 1.32 against {@link StubApiServer}: each {@code create} generator POSTs a
 * protobuf body, which must decode to the object the command describes; the stub answers in
 * protobuf made by {@link KubeProtobuf#encode}, and what kubectl prints of it ({@code -o json})
 * must be that object, so both directions meet Go's own protobuf code. Skipped, with a message,
 * where {@code /usr/bin/kubectl} is missing; {@link KubectlGoldenBodiesTest} covers the decoder
 * there with bodies captured the same way.
 */
class KubectlWireTest {

  private static final Path KUBECTL = Path.of("/usr/bin/kubectl");

  @TempDir static Path home;
  private static StubApiServer server;

  @BeforeAll
  static void start() throws IOException {
    assumeTrue(Files.isExecutable(KUBECTL), "skipped: no kubectl at " + KUBECTL
        + "; KubectlGoldenBodiesTest checks the decoder on bodies captured from kubectl 1.32");
    server = new StubApiServer();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void createNamespace() throws Exception {
    DecodedObject ns = create("/api/v1/namespaces", "create", "namespace", "demo");

    assertThat(ns.kind()).isEqualTo("Namespace");
    assertThat(ns.json().at("/metadata/name").asText()).isEqualTo("demo");
    assertThat(ns.json().at("/metadata").has("namespace")).isFalse();
    assertThat(ns.json()).isEqualTo(Goldens.json("namespace"));
  }

  @Test
  void createConfigMapFromLiteral() throws Exception {
    DecodedObject cm = create("/api/v1/namespaces/demo/configmaps", "create", "configmap", "cm1",
        "--from-literal=a=b", "-n", "demo");

    assertThat(cm.json().at("/metadata/namespace").asText()).isEqualTo("demo");
    assertThat(cm.json().get("data")).isEqualTo(KubeJson.mapper().valueToTree(Map.of("a", "b")));
    assertThat(cm.json()).isEqualTo(Goldens.json("configmap"));
  }

  @Test
  void createDeploymentWithReplicas() throws Exception {
    DecodedObject d = create("/apis/apps/v1/namespaces/default/deployments", "create", "deployment", "web",
        "--image=nginx", "--replicas=2");

    Deployment deployment = (Deployment) d.toResource(KindRegistry.builtIn());
    assertThat(deployment.getMetadata().getName()).isEqualTo("web");
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(deployment.getSpec().getSelector().getMatchLabels()).containsEntry("app", "web");
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers())
        .singleElement().satisfies(c -> {
          assertThat(c.getName()).isEqualTo("nginx");
          assertThat(c.getImage()).isEqualTo("nginx");
          assertThat(c.getImagePullPolicy()).as("zero strings stay unset, for defaulting").isNull();
        });
    assertThat(d.json()).isEqualTo(Goldens.json("deployment"));
  }

  @Test
  void createDeploymentWithZeroReplicasKeepsTheZero() throws Exception {
    DecodedObject d = create("/apis/apps/v1/namespaces/default/deployments", "create", "deployment", "zero",
        "--image=nginx", "--replicas=0");

    assertThat(d.json().at("/spec/replicas").isInt()).isTrue();
    assertThat(d.json().at("/spec/replicas").intValue()).isZero();
  }

  @Test
  void createJob() throws Exception {
    DecodedObject job = create("/apis/batch/v1/namespaces/default/jobs", "create", "job", "j", "--image=busybox",
        "--", "echo", "hi");

    JsonNode container = job.json().at("/spec/template/spec/containers/0");
    assertThat(container.get("image").asText()).isEqualTo("busybox");
    assertThat(container.get("command")).hasToString("[\"echo\",\"hi\"]");
    assertThat(job.json().at("/spec/template/spec/restartPolicy").asText()).isEqualTo("Never");
    assertThat(job.json()).isEqualTo(Goldens.json("job"));
  }

  @Test
  void createCronJob() throws Exception {
    DecodedObject cj = create("/apis/batch/v1/namespaces/default/cronjobs", "create", "cronjob", "cj",
        "--image=busybox", "--schedule=*/1 * * * *");

    assertThat(cj.json().at("/spec/schedule").asText()).isEqualTo("*/1 * * * *");
    assertThat(cj.json()).isEqualTo(Goldens.json("cronjob"));
  }

  @Test
  void createGenericSecretCarriesBase64Data() throws Exception {
    DecodedObject s = create("/api/v1/namespaces/default/secrets", "create", "secret", "generic", "s",
        "--from-literal=k=v");

    assertThat(s.json().at("/data/k").asText()).isEqualTo(Base64.getEncoder().encodeToString("v".getBytes()));
    Secret secret = s.as(Secret.class);
    assertThat(new String(Base64.getDecoder().decode(secret.getData().get("k")), StandardCharsets.UTF_8))
        .isEqualTo("v");
    assertThat(s.json()).isEqualTo(Goldens.json("secret"));
  }

  @Test
  void createClusterIpServiceHasAnIntegerTargetPort() throws Exception {
    DecodedObject svc = create("/api/v1/namespaces/default/services", "create", "service", "clusterip", "svc",
        "--tcp=80:8080");

    JsonNode port = svc.json().at("/spec/ports/0");
    assertThat(port.get("port").intValue()).isEqualTo(80);
    assertThat(port.get("targetPort").isInt()).as("IntOrString of type int is a JSON number").isTrue();
    assertThat(port.get("targetPort").intValue()).isEqualTo(8080);
    assertThat(port.get("protocol").asText()).isEqualTo("TCP");
    Service service = svc.as(Service.class);
    assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(service.getSpec().getPorts().get(0).getTargetPort().getIntVal()).isEqualTo(8080);
    assertThat(svc.json()).isEqualTo(Goldens.json("service-clusterip"));
  }

  @Test
  void authWhoami() throws Exception {
    DecodedObject review = create("/apis/authentication.k8s.io/v1/selfsubjectreviews", "auth", "whoami");

    assertThat(review.apiVersion()).isEqualTo("authentication.k8s.io/v1");
    assertThat(review.kind()).isEqualTo("SelfSubjectReview");
    assertThat(review.json()).isEqualTo(Goldens.json("selfsubjectreview"));
  }

  /** Runs kubectl with {@code args}, requires exit 0, and decodes the protobuf body it POSTed to {@code path}. */
  private static DecodedObject create(String path, String... args) throws Exception {
    int before = server.posts().size();
    List<String> command = new ArrayList<>(List.of(KUBECTL.toString(), "--server=" + server.url(),
        "--cache-dir=" + home.resolve("cache"), "--request-timeout=20s"));
    // flags go before any `--`: print the answer as JSON; no OpenAPI here (the typed generators do not fetch it)
    command.addAll(List.of(args[0], "-o", "json"));
    if (args[0].equals("create")) {
      command.add("--validate=false");
    }
    command.addAll(List.of(args).subList(1, args.length));
    Path stderr = Files.createTempFile(home, "kubectl", ".err");
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(stderr.toFile());
    pb.environment().put("HOME", home.toString());
    pb.environment().put("KUBECONFIG", home.resolve("no-kubeconfig").toString());
    List.of("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy").forEach(pb.environment()::remove);
    Process process = pb.start();
    process.getOutputStream().close();
    boolean done = process.waitFor(90, TimeUnit.SECONDS);
    if (!done) {
      process.destroyForcibly();
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String errors = Files.readString(stderr);
    assertThat(done).as("kubectl finished within 90 s: %s %s", output, errors).isTrue();
    assertThat(process.exitValue()).as("kubectl %s exit code; output: %s %s", String.join(" ", args), output,
        errors).isZero();

    assertThat(server.posts()).as("kubectl posted once").hasSize(before + 1);
    StubApiServer.Request post = server.lastPostTo(path).orElseThrow(() -> new AssertionError(
        "no POST to " + path + "; got " + server.posts().stream().map(StubApiServer.Request::path).toList()));
    assertThat(post.contentType()).isEqualTo(KubeProtobuf.MEDIA_TYPE);
    DecodedObject decoded = KubeProtobuf.decode(post.body());
    assertThat(decoded.unknownFields()).isEmpty();
    // the answer went back as protobuf from KubeProtobuf.encode; kubectl's Go decoder read it and
    // printed it with -o json, which must be the very object the stub meant to send
    List<ObjectNode> responses = server.responses();
    assertThat(KubeJson.mapper().readTree(output)).as("what kubectl read from the protobuf answer")
        .isEqualTo(responses.get(responses.size() - 1));
    return decoded;
  }
}
