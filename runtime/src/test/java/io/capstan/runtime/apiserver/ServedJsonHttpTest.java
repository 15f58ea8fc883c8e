package io.capstan.runtime.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.capstan.runtime.apiserver.http.ApiExtensions;
import io.capstan.spi.api.KubeJson;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain-JSON gets and lists are served from the stored bytes; YAML, {@code ?pretty} and
 * watch-cache reads still encode the object. Both must say the same thing, resourceVersion included, over real sockets.
 */
class ServedJsonHttpTest {

  private static final ObjectMapper YAML = KubeJson.configure(new YAMLMapper());
  private static final String PODS = "/api/v1/namespaces/default/pods";

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

  private static String pod(String name, String app) {
    return """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","labels":{"app":"%s"},
         "annotations":{"note":"quote \\" and é"},"finalizers":["example.com/keep"],
         "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"rs","uid":"u-1"}],
         "unknownMetadataField":{"kept":true}},
         "spec":{"containers":[{"name":"c","image":"nginx","resources":{"limits":{"cpu":"500m","memory":"1Gi"}}}]}}"""
        .formatted(name, app);
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return KubeJson.mapper().readTree(response.body());
  }

  private static List<String> names(JsonNode list) {
    List<String> names = new ArrayList<>();
    list.path("items").forEach(item -> names.add(item.at("/metadata/name").asText()));
    return names;
  }

  @Test
  void aGetSaysWhatTheObjectPathSaysWithTheCurrentResourceVersion() throws Exception {
    JsonNode created = KubeJson.mapper().readTree(api.post(PODS, pod("a", "web")).body());
    String version = created.at("/metadata/resourceVersion").asText();

    HttpResponse<String> plain = api.get(PODS + "/a");
    JsonNode fetched = json(plain);

    assertThat(plain.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(fetched.at("/metadata/resourceVersion").asText()).isEqualTo(version);
    assertThat(fetched).isEqualTo(created);
    assertThat(fetched).isEqualTo(YAML.readTree(api.get(PODS + "/a", "application/yaml").body()));
    assertThat(api.get(PODS + "/a?resourceVersion=0").body()).isEqualTo(plain.body());
    assertThat(fetched.at("/metadata/unknownMetadataField/kept").asBoolean()).isTrue();

    String update = pod("a", "web").replace("\"name\":\"a\"", "\"name\":\"a\",\"resourceVersion\":\"" + version + "\"")
        .replace("nginx", "nginx:2");
    JsonNode updated = KubeJson.mapper().readTree(api.put(PODS + "/a", update).body());
    JsonNode again = json(api.get(PODS + "/a"));
    assertThat(again.at("/metadata/resourceVersion").asText()).isEqualTo(updated.at("/metadata/resourceVersion").asText())
        .isNotEqualTo(version);
    assertThat(again.at("/spec/containers/0/image").asText()).isEqualTo("nginx:2");
  }

  @Test
  void prettyIsIndentedAsKubernetesIndentsAndSaysTheSame() throws Exception {
    api.post(PODS, pod("a", "web"));
    JsonNode plain = json(api.get(PODS + "/a"));

    String pretty = api.get(PODS + "/a?pretty=true").body();

    assertThat(pretty).startsWith("{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Pod\",\n  \"metadata\": {\n    \"annotations\": {")
        .contains("\"finalizers\": [\n      \"example.com/keep\"\n    ],");
    assertThat(KubeJson.mapper().readTree(pretty)).isEqualTo(plain);
    String list = api.get(PODS + "?pretty=true").body();
    assertThat(list).startsWith("{\n  \"kind\": \"PodList\",");
    assertThat(KubeJson.mapper().readTree(list).path("items").get(0)).isEqualTo(plain);
  }

  @Test
  void listItemsAreTheBytesAGetServesAndSelectorsAndPagesStillApply() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(api.post(PODS, pod("p" + i, i % 2 == 0 ? "even" : "odd")).statusCode()).isEqualTo(201);
    }
    JsonNode list = json(api.get(PODS));
    assertThat(list.path("kind").asText()).isEqualTo("PodList");
    assertThat(list.path("apiVersion").asText()).isEqualTo("v1");
    for (JsonNode item : list.path("items")) {
      assertThat(item).isEqualTo(json(api.get(PODS + "/" + item.at("/metadata/name").asText())));
    }
    assertThat(names(list)).containsExactly("p0", "p1", "p2", "p3", "p4");
    assertThat(list.path("items")).isEqualTo(YAML.readTree(api.get(PODS, "application/yaml").body()).path("items"));
    assertThat(json(api.get(PODS + "?resourceVersion=0")).path("items")).isEqualTo(list.path("items"));

    JsonNode even = json(api.get(PODS + "?labelSelector=app%3Deven"));
    assertThat(names(even)).containsExactly("p0", "p2", "p4");

    JsonNode first = json(api.get(PODS + "?limit=2"));
    assertThat(names(first)).containsExactly("p0", "p1");
    assertThat(first.at("/metadata/remainingItemCount").asLong()).isEqualTo(3);
    String token = first.at("/metadata/continue").asText();
    JsonNode second = json(api.get(PODS + "?limit=2&continue=" + token));
    assertThat(names(second)).containsExactly("p2", "p3");
    assertThat(second.at("/metadata/resourceVersion")).isEqualTo(first.at("/metadata/resourceVersion"));
  }
}
