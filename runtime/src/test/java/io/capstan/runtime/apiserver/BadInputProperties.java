package io.capstan.runtime.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.runtime.apiserver.admission.ObjectValidator;
import io.capstan.runtime.apiserver.http.ApiExtensions;
import io.capstan.runtime.apiserver.http.NonResourceEndpoints;
import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.api.KindRegistry;
import io.capstan.tck.store.ReferenceStore;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and malformed requests (bodies, names, selectors, patches, parameters) never make the API
 * server answer 5xx, and a request it refuses changes nothing in the store.
 */
class BadInputProperties {

  private static ReferenceStore store;
  private static PooledTaskExecutor executor;
  private static ApiServer server;

  private static final String POD = """
      {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"nginx"}]}}""";

  @BeforeContainer
  static void start() throws Exception {
    store = ReferenceStore.create();
    store.start();
    executor = new PooledTaskExecutor(2, Duration.ofSeconds(1));
    server = new ApiServer(new ApiServerSettings("127.0.0.1", 0, null, null, null, 100, Duration.ofSeconds(30), null),
        Files.createTempDirectory("bad-input"), store, KindRegistry.builtIn(), List.of(), ObjectValidator.KUBERNETES,
        new WallClock(), executor, ApiExtensions.NONE, NonResourceEndpoints.NONE);
    server.start();
  }

  @AfterContainer
  static void stop() throws Exception {
    server.close();
    store.close();
    executor.close();
  }

  @Provide
  Arbitrary<String> paths() {
    Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(70),
        Arbitraries.of("p", "P", "-x", "a..b", "x".repeat(300), "%2F", "é"));
    return Combinators.combine(Arbitraries.of("/api/v1/namespaces/default/pods", "/api/v1/namespaces/nope/configmaps",
            "/apis/apps/v1/namespaces/default/deployments", "/api/v1/nodes", "/apis/batch/v1/namespaces/default/jobs",
            "/api/v1/namespaces/default/widgets", "/apis/nope/v9/things"), names, Arbitraries.of("", "/status", "/scale", "/binding"))
        .as((base, name, sub) -> base + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8) + sub);
  }

  @Provide
  Arbitrary<String> bodies() {
    Arbitrary<String> mutated = Combinators.combine(Arbitraries.of(POD), Arbitraries.strings().ofMaxLength(20),
        Arbitraries.integers().between(0, POD.length())).as((pod, junk, at) -> pod.substring(0, at) + junk + pod.substring(at));
    return Arbitraries.oneOf(mutated, Arbitraries.strings().ofMaxLength(200),
        Arbitraries.of("", "null", "[]", "{}", "{\"metadata\":null}", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"\"}}",
            "[{\"op\":\"remove\",\"path\":\"/nope\"}]", "{\"spec\":{\"containers\":\"x\"}}", POD.replace("nginx", "")));
  }

  @Provide
  Arbitrary<String> queries() {
    Arbitrary<String> selectors = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30),
        Arbitraries.of("a in (", "!!x", "a=b,", "x notin ()", "=b"));
    return Combinators.combine(Arbitraries.of("labelSelector", "fieldSelector", "resourceVersion", "limit", "continue", "dryRun",
        "fieldValidation", "gracePeriodSeconds", "propagationPolicy"), selectors)
        .as((name, value) -> "?" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  @Property(tries = 300)
  void neverA5xxAndRefusalsChangeNothing(@ForAll("paths") String path, @ForAll("bodies") String body,
      @ForAll("queries") String query, @ForAll("methods") String method, @ForAll("types") String contentType) throws Exception {
    long before = store.currentRevision();
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + path + query)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body)).build();
    // A fresh client per try: Jetty closes a connection after a malformed request, and a pooled
    // connection reused after that would fail on the client side, not the server's.
    HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
        .send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s %s%s\n%s\n-> %s", method, path, query, body, response.body()).isLessThan(500);
    if (response.statusCode() >= 400) {
      assertThat(store.currentRevision()).as("a refused request changed the store").isEqualTo(before);
      assertThat(response.body()).contains("\"kind\":\"Status\"");
    }
  }

  @Provide
  Arbitrary<String> methods() {
    return Arbitraries.of("POST", "PUT", "PATCH", "DELETE", "GET");
  }

  @Provide
  Arbitrary<String> types() {
    return Arbitraries.of("application/json", "application/yaml", "application/merge-patch+json", "application/json-patch+json",
        "application/strategic-merge-patch+json", "application/vnd.kubernetes.protobuf", "text/plain");
  }
}
