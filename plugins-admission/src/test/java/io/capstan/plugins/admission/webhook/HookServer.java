package io.capstan.plugins.admission.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.capstan.spi.api.KubeJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A real HTTPS admission webhook server on a free loopback port, with a certificate made by the
 * JDK's keytool for 127.0.0.1 and localhost. Each path answers reviews with a function of the
 * request; every review received is recorded.
 */
final class HookServer implements AutoCloseable {

  private final HttpsServer server;
  private final String caBundle;
  final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final Map<String, Function<JsonNode, ObjectNode>> answers = new ConcurrentHashMap<>();

  HookServer(Path dir) throws Exception {
    Path keystore = dir.resolve("hook.p12");
    keytool("-genkeypair", "-alias", "hook", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", keystore.toString(),
        "-storetype", "PKCS12", "-storepass", "changeit");
    Path pem = dir.resolve("hook.pem");
    keytool("-exportcert", "-rfc", "-alias", "hook", "-keystore", keystore.toString(), "-storepass", "changeit", "-file", pem.toString());
    caBundle = Base64.getEncoder().encodeToString(Files.readAllBytes(pem));
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::handle);
    server.start();
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
  }

  /** Answers reviews posted to {@code path} with {@code answer(request)} as the {@code response}. */
  void answer(String path, Function<JsonNode, ObjectNode> answer) {
    answers.put(path, answer);
  }

  String url(String path) {
    return "https://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  String caBundle() {
    return caBundle;
  }

  /** A response allowing the review, to be completed by the caller. */
  static ObjectNode allow(JsonNode request, boolean allowed) {
    ObjectNode response = KubeJson.mapper().createObjectNode();
    response.put("uid", request.path("uid").asText());
    response.put("allowed", allowed);
    return response;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode review = KubeJson.mapper().readTree(exchange.getRequestBody());
      received.add(review);
      Function<JsonNode, ObjectNode> answer = answers.get(exchange.getRequestURI().getPath());
      if (answer == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      ObjectNode out = KubeJson.mapper().createObjectNode();
      out.put("apiVersion", "admission.k8s.io/v1");
      out.put("kind", "AdmissionReview");
      out.set("response", answer.apply(review.path("request")));
      byte[] body = KubeJson.mapper().writeValueAsBytes(out);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
