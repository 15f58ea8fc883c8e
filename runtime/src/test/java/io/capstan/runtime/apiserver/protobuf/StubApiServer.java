package io.capstan.runtime.apiserver.protobuf;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.capstan.spi.api.KubeJson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of an API server on 127.0.0.1 for kubectl 1.32's {@code create} generators: version
 * 1.32 (so the Cloud SDK dispatcher runs kubectl 1.32), legacy discovery (kubectl.md §1.2) for the
 * resources the tests create, and POST handlers that record each body, decode it with
 * {@link KubeProtobuf} and answer 201 with the decoded object, as a real server echoes what it
 * created: in protobuf, encoded by {@link KubeProtobuf}, when the client accepts it (kubectl 1.32
 * does), else in JSON. A body the codec refuses gets kube-apiserver's 415 Status, so kubectl fails
 * visibly.
 */
final class StubApiServer implements AutoCloseable {

  /** One recorded POST. */
  record Request(String path, String contentType, byte[] body) {
    Request {
      requireNonNull(path, "path");
      requireNonNull(body, "body");
    }
  }

  private static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
  private static final Pattern NAMESPACED = Pattern.compile("^/apis?/.*?/namespaces/([^/]+)/[^/]+$");

  private final HttpServer server;
  private final List<Request> posts = new CopyOnWriteArrayList<>();
  private final List<ObjectNode> responses = new CopyOnWriteArrayList<>();
  private final Map<String, Object> documents = Map.of(
      "/version", Map.of("major", "1", "minor", "32", "gitVersion", "v1.32.0-capstan-test", "gitCommit", "0",
          "gitTreeState", "clean", "buildDate", "2025-01-01T00:00:00Z", "goVersion", "go1.23", "compiler", "gc",
          "platform", "linux/amd64"),
      "/api", Map.of("kind", "APIVersions", "versions", List.of("v1"), "serverAddressByClientCIDRs",
          List.of(Map.of("clientCIDR", "0.0.0.0/0", "serverAddress", "127.0.0.1:6443"))),
      "/apis", Map.of("kind", "APIGroupList", "apiVersion", "v1", "groups",
          List.of(group("apps"), group("batch"), group("authentication.k8s.io"))),
      "/api/v1", resources("v1", resource("namespaces", "Namespace", false, "ns"),
          resource("configmaps", "ConfigMap", true, "cm"), resource("services", "Service", true, "svc"),
          resource("secrets", "Secret", true), resource("serviceaccounts", "ServiceAccount", true, "sa")),
      "/apis/apps/v1", resources("apps/v1", resource("deployments", "Deployment", true, "deploy")),
      "/apis/batch/v1", resources("batch/v1", resource("jobs", "Job", true),
          resource("cronjobs", "CronJob", true, "cj")),
      "/apis/authentication.k8s.io/v1", resources("authentication.k8s.io/v1", Map.of("name", "selfsubjectreviews",
          "singularName", "selfsubjectreview", "namespaced", false, "kind", "SelfSubjectReview",
          "verbs", List.of("create"))));

  StubApiServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The server's URL, {@code http://127.0.0.1:<port>}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The POSTs received so far, oldest first. */
  List<Request> posts() {
    return List.copyOf(posts);
  }

  /** The objects sent back for the POSTs, in JSON, oldest first. */
  List<ObjectNode> responses() {
    return List.copyOf(responses);
  }

  /** The last POST to {@code path} (without query). */
  Optional<Request> lastPostTo(String path) {
    List<Request> all = posts();
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).path().equals(path)) {
        return Optional.of(all.get(i));
      }
    }
    return Optional.empty();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (exchange.getRequestMethod().equals("GET")) {
        Object doc = documents.get(path);
        send(exchange, doc == null ? 404 : 200, doc == null ? status(404, "NotFound", "the server could not find "
            + "the requested resource") : KubeJson.mapper().valueToTree(doc));
        return;
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      posts.add(new Request(path, exchange.getRequestHeaders().getFirst("Content-Type"), body));
      try {
        ObjectNode created = KubeProtobuf.decode(body).json();
        Matcher m = NAMESPACED.matcher(path);
        if (m.matches()) {
          created.withObjectProperty("metadata").put("namespace", m.group(1));
        }
        // recorded before answering: kubectl may exit, and the test look, as soon as the answer arrives
        responses.add(created);
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        if (accept != null && accept.contains(KubeProtobuf.MEDIA_TYPE)) {
          // kube-apiserver answers in the first media type the client accepts; kubectl 1.32 lists protobuf first
          send(exchange, 201, KubeProtobuf.MEDIA_TYPE, KubeProtobuf.encode(created));
        } else {
          send(exchange, 201, created);
        }
      } catch (ProtobufCodecException e) {
        send(exchange, e.httpStatus(), status(e.httpStatus(), "UnsupportedMediaType", e.getMessage()));
      }
    }
  }

  private static void send(HttpExchange exchange, int code, JsonNode json) throws IOException {
    send(exchange, code, "application/json", KubeJson.mapper().writeValueAsBytes(json));
  }

  private static void send(HttpExchange exchange, int code, String contentType, byte[] bytes) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(code, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static JsonNode status(int code, String reason, String message) {
    return KubeJson.mapper().valueToTree(Map.of("kind", "Status", "apiVersion", "v1", "metadata", Map.of(),
        "status", "Failure", "message", message, "reason", reason, "code", code));
  }

  private static Map<String, Object> group(String name) {
    Map<String, String> v1 = Map.of("groupVersion", name + "/v1", "version", "v1");
    return Map.of("name", name, "versions", List.of(v1), "preferredVersion", v1);
  }

  private static Map<String, Object> resources(String groupVersion, Object... resources) {
    return Map.of("kind", "APIResourceList", "apiVersion", "v1", "groupVersion", groupVersion,
        "resources", List.of(resources));
  }

  private static Map<String, Object> resource(String plural, String kind, boolean namespaced, String... shortNames) {
    return Map.of("name", plural, "singularName", kind.toLowerCase(Locale.ROOT), "namespaced", namespaced,
        "kind", kind, "verbs", VERBS, "shortNames", List.of(shortNames));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
