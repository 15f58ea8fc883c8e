package io.capstan.runtime.apiserver;

import io.capstan.runtime.apiserver.admission.ObjectValidator;
import io.capstan.runtime.apiserver.http.ApiExtensions;
import io.capstan.runtime.apiserver.http.NonResourceEndpoints;
import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.api.KindRegistry;
import io.capstan.tck.store.ReferenceStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A started API server on a free port over the reference store, and a tiny HTTP client for tests. */
final class ApiServerFixture implements AutoCloseable {

  final ReferenceStore store = ReferenceStore.create();
  final PooledTaskExecutor executor = new PooledTaskExecutor(2, Duration.ofSeconds(1));
  final ApiServer server;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ApiServerFixture(Path dataDir, ApiExtensions extensions) throws Exception {
    store.start();
    ApiServerSettings settings = new ApiServerSettings("127.0.0.1", 0, null, null, null, 100, Duration.ofMillis(200), null);
    server = new ApiServer(settings, dataDir, store, KindRegistry.builtIn(), List.of(), ObjectValidator.NONE, new WallClock(),
        executor, extensions, NonResourceEndpoints.NONE);
    server.start();
  }

  HttpResponse<String> send(String method, String path, String body, String contentType) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(10));
    HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.method(method, publisher);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The watch cache window the fixture configures: small, so tests can overflow it. */
  int windowSize() {
    return 100;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send("GET", path, null, null);
  }

  HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(10))
        .header("Accept", accept).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return send("POST", path, json, "application/json");
  }

  HttpResponse<String> put(String path, String json) throws IOException, InterruptedException {
    return send("PUT", path, json, "application/json");
  }

  @Override
  public void close() throws Exception {
    server.close();
    store.close();
    executor.close();
  }
}
