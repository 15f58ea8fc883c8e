package io.capstan.runtime.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.runtime.apiserver.http.ApiExtensions;
import io.capstan.spi.api.KubeJson;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Watch streams over HTTP: initial state, live changes in order, resume, 410, selectors, timeouts. */
class ApiServerWatchTest {

  @TempDir Path dir;
  ApiServerFixture api;

  @BeforeEach
  void start() throws Exception {
    api = new ApiServerFixture(dir, ApiExtensions.NONE);
  }

  @AfterEach
  void stop() throws Exception {
    api.close();
  }

  private static String configMap(String name, String app) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"app\":\"" + app + "\"}}}";
  }

  /** Reads watch events (type + name + version) in the background until the stream ends. */
  private List<String> watch(String query, List<String> sink) {
    CompletableFuture.runAsync(() -> {
      try {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.server.url() + "/api/v1/namespaces/default/configmaps?watch=true&" + query)).build();
        HttpResponse<java.io.InputStream> response = api.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = lines.readLine()) != null) {
            JsonNode event = KubeJson.mapper().readTree(line);
            JsonNode meta = event.path("object").path("metadata");
            sink.add(event.path("type").asText() + " " + meta.path("name").asText("") + (event.path("type").asText().equals("ERROR")
                ? " " + event.path("object").path("code").asInt() : ""));
          }
        }
        sink.add("END");
      } catch (Exception e) {
        sink.add("FAILED " + e);
      }
    });
    return sink;
  }

  @Test
  void aWatchWithoutVersionStartsWithTheCurrentObjectsThenFollowsChangesInOrder() throws Exception {
    api.post("/api/v1/namespaces/default/configmaps", configMap("a", "web"));
    List<String> events = watch("timeoutSeconds=30", new CopyOnWriteArrayList<>());
    await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("ADDED a"));
    api.post("/api/v1/namespaces/default/configmaps", configMap("b", "web"));
    api.put("/api/v1/namespaces/default/configmaps/b", configMap("b", "db"));
    api.send("DELETE", "/api/v1/namespaces/default/configmaps/a", null, null);
    await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 4);
    assertThat(events).containsExactly("ADDED a", "ADDED b", "MODIFIED b", "DELETED a");
  }

  @Test
  void aWatchResumesAfterAVersionAndSelectorsTurnChangesIntoAddsAndDeletes() throws Exception {
    JsonNode first = KubeJson.mapper().readTree(api.post("/api/v1/namespaces/default/configmaps", configMap("a", "web")).body());
    String version = first.path("metadata").path("resourceVersion").asText();
    api.post("/api/v1/namespaces/default/configmaps", configMap("b", "web"));
    api.put("/api/v1/namespaces/default/configmaps/b", configMap("b", "db"));
    api.put("/api/v1/namespaces/default/configmaps/b", configMap("b", "web"));
    List<String> all = watch("resourceVersion=" + version + "&timeoutSeconds=30", new CopyOnWriteArrayList<>());
    List<String> web = watch("resourceVersion=" + version + "&labelSelector=app%3Dweb&timeoutSeconds=30", new CopyOnWriteArrayList<>());
    await().atMost(Duration.ofSeconds(10)).until(() -> all.size() >= 3 && web.size() >= 3);
    assertThat(all).containsExactly("ADDED b", "MODIFIED b", "MODIFIED b");
    assertThat(web).as("b leaves the selection, then comes back").containsExactly("ADDED b", "DELETED b", "ADDED b");
  }

  @Test
  void aVersionOlderThanTheWindowGetsA410ErrorEvent() throws Exception {
    JsonNode first = KubeJson.mapper().readTree(api.post("/api/v1/namespaces/default/configmaps", configMap("a", "web")).body());
    long old = first.path("metadata").path("resourceVersion").asLong();
    for (int i = 0; i < api.windowSize() + 5; i++) {
      api.put("/api/v1/namespaces/default/configmaps/a", configMap("a", "v" + i));
    }
    List<String> events = watch("resourceVersion=" + old + "&timeoutSeconds=30", new CopyOnWriteArrayList<>());
    await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("END"));
    assertThat(events).containsExactly("ERROR  410", "END");
  }

  @Test
  void timeoutSecondsEndsTheStreamAndBookmarksCarryTheVersion() throws Exception {
    List<String> events = watch("timeoutSeconds=1&allowWatchBookmarks=true", new CopyOnWriteArrayList<>());
    await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("END"));
    assertThat(events).contains("BOOKMARK ");
  }
}
