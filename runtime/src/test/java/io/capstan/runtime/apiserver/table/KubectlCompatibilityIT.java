package io.capstan.runtime.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.capstan.runtime.apiserver.discovery.DiscoveryDocuments;
import io.capstan.runtime.apiserver.discovery.DiscoveryResponse;
import io.capstan.runtime.apiserver.discovery.VersionInfo;
import io.capstan.runtime.apiserver.openapi.OpenApiV3;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.api.ResourceKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl 1.32 against the discovery, OpenAPI and table documents, served by a throwaway
 * HTTP stub that only routes requests to them (the API server's own HTTP layer is not used).
 * Skipped when {@code /usr/bin/kubectl} is absent.
 */
class KubectlCompatibilityIT {

  private static final Path KUBECTL = Path.of("/usr/bin/kubectl");
  private static final KindRegistry REGISTRY = KindRegistry.builtIn();
  private static final DiscoveryDocuments DISCOVERY = DiscoveryDocuments.of(REGISTRY);
  private static final OpenApiV3 OPENAPI = OpenApiV3.of(REGISTRY);
  private static final TablePrinter PRINTER = TablePrinter.builtIn();
  private static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  private static final Map<String, List<HasMetadata>> OBJECTS = Map.of(
      "pods", List.of(new PodBuilder().withNewMetadata().withName("web-1").withNamespace("default")
          .withCreationTimestamp(NOW.minusSeconds(300).toString()).endMetadata().withNewSpec().withNodeName("node1")
          .addNewContainer().withName("nginx").endContainer().endSpec().withNewStatus().withPhase("Running")
          .withPodIP("10.1.0.5").addNewContainerStatus().withName("nginx").withReady(true).withRestartCount(0)
          .withNewState().withNewRunning().endRunning().endState().endContainerStatus().endStatus().build()),
      "deployments", List.of(new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("default")
          .withCreationTimestamp(NOW.minusSeconds(3600).toString()).endMetadata().withNewSpec().withReplicas(2)
          .withNewSelector().addToMatchLabels("app", "web").endSelector().withNewTemplate().withNewSpec()
          .addNewContainer().withName("nginx").withImage("nginx:1.27").endContainer().endSpec().endTemplate()
          .endSpec().withNewStatus().withReadyReplicas(1).withUpdatedReplicas(2).withAvailableReplicas(1).endStatus()
          .build()));

  private static HttpServer server;

  @TempDir
  static Path work;

  @BeforeAll
  static void start() throws IOException {
    assumeTrue(Files.isExecutable(KUBECTL), "kubectl is not installed");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", KubectlCompatibilityIT::handle);
    server.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath().replaceAll("/+$", "");
    String accept = ex.getRequestHeaders().getFirst("Accept");
    Object body;
    String type = "application/json";
    int code = 200;
    if (ex.getRequestMethod().equals("POST")) {
      ObjectNode created = (ObjectNode) KubeJson.mapper().readTree(ex.getRequestBody());
      created.withObject("/metadata").put("uid", "1").put("resourceVersion", "2");
      body = created;
      code = 201;
    } else if (path.equals("/version")) {
      body = VersionInfo.capstan("it", NOW, "unknown").toJson();
    } else if (path.equals("/api") || path.equals("/apis")) {
      DiscoveryResponse r = path.equals("/api") ? DISCOVERY.api(accept, "127.0.0.1") : DISCOVERY.apis(accept);
      body = r.body();
      type = r.contentType();
    } else if (path.startsWith("/openapi/v3")) {
      body = path.equals("/openapi/v3") ? OPENAPI.index() : OPENAPI.document(path).map(d -> d.json()).orElse(null);
    } else {
      String[] s = path.substring(1).split("/");
      boolean core = s[0].equals("api");
      String group = core ? "" : s[1];
      String version = s[core ? 1 : 2];
      int rest = core ? 2 : 3;
      if (s.length == rest) {
        body = DISCOVERY.resourceList(group, version).orElse(null);
      } else {
        ResourceKind kind = REGISTRY.byResource(group, s[s.length - 1]).orElseThrow();
        List<HasMetadata> items = OBJECTS.getOrDefault(kind.plural(), List.of());
        TableForm form = TableForm.negotiate(accept);
        type = form.contentType();
        body = form == TableForm.OBJECT ? Map.of("kind", kind.listKind(), "apiVersion", kind.apiVersion(),
            "metadata", Map.of("resourceVersion", "5"), "items", items)
            : PRINTER.list(kind, items, new ListMetaBuilder().withResourceVersion("5").build(), NOW,
                TableOptions.DEFAULT).toJson();
      }
    }
    byte[] bytes = body == null ? "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":404}"
        .getBytes(StandardCharsets.UTF_8) : KubeJson.mapper().writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(body == null ? 404 : code, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  private static String kubectl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(KUBECTL.toString(), "--server=http://127.0.0.1:"
        + server.getAddress().getPort(), "--cache-dir=" + work.resolve("cache")));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", args) + "\n" + out).isZero();
    return out;
  }

  @Test
  void kubectlDiscoversPrintsExplainsAndCreates() throws Exception {
    assertThat(kubectl("version")).contains("Server Version: v1.32.0+capstan-it");
    assertThat(kubectl("api-resources")).contains("deployments", "deploy", "apps/v1", "true", "Deployment");
    assertThat(lines(kubectl("get", "pods", "-o", "wide"))).containsExactly(
        "NAME READY STATUS RESTARTS AGE IP NODE NOMINATED NODE READINESS GATES",
        "web-1 1/1 Running 0 5m 10.1.0.5 node1 <none> <none>");
    assertThat(lines(kubectl("get", "deploy"))).containsExactly("NAME READY UP-TO-DATE AVAILABLE AGE",
        "web 1/2 2 1 60m");
    assertThat(kubectl("get", "all")).contains("pod/web-1", "deployment.apps/web");
    assertThat(kubectl("explain", "deployments.spec.template.spec.containers")).contains("KIND:       Deployment",
        "FIELD: containers <[]Container>", "image\t<string>", "-required-");
    Path manifest = work.resolve("web.yaml");
    Files.writeString(manifest, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: made}\nspec:\n"
        + "  selector: {matchLabels: {app: made}}\n  template:\n    metadata: {labels: {app: made}}\n"
        + "    spec: {containers: [{name: c, image: nginx}]}\n");
    assertThat(kubectl("create", "-f", manifest.toString())).contains("deployment.apps/made created");
  }

  private static List<String> lines(String out) {
    return out.lines().map(l -> l.trim().replaceAll("\\s+", " ")).filter(l -> !l.isEmpty()).toList();
  }
}
