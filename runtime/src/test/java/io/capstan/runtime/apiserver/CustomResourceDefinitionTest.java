package io.capstan.runtime.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CRD posted to the REST API is served, with status conditions, and its objects go with it. */
class CustomResourceDefinitionTest {

  private static final String CRD = """
      {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
       "metadata": {"name": "gadgets.toys.example.com"},
       "spec": {"group": "toys.example.com", "scope": "Namespaced",
         "names": {"plural": "gadgets", "singular": "gadget", "kind": "Gadget"},
         "versions": [{"name": "v1", "served": true, "storage": true,
           "schema": {"openAPIV3Schema": {"type": "object", "properties": {
             "spec": {"type": "object", "properties": {"size": {"type": "integer", "default": 2}}}}}}}]}}""";

  @TempDir Path dir;
  ApiServerFixture fixture;

  @BeforeEach
  void start() throws Exception {
    fixture = new ApiServerFixture(dir, io.capstan.runtime.apiserver.http.ApiExtensions.NONE);
  }

  @AfterEach
  void stop() throws Exception {
    fixture.close();
  }

  @Test
  void aPostedDefinitionIsEstablishedServedAndCleanedUp() throws Exception {
    assertThat(fixture.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", CRD).statusCode()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(fixture.get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gadgets.toys.example.com").body())
            .contains("\"type\":\"Established\"").contains("customresourcecleanup.apiextensions.k8s.io"));
    HttpResponse<String> created = fixture.post("/apis/toys.example.com/v1/namespaces/default/gadgets",
        "{\"apiVersion\":\"toys.example.com/v1\",\"kind\":\"Gadget\",\"metadata\":{\"name\":\"g1\"},\"spec\":{}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.body()).contains("\"size\":2");
    assertThat(fixture.send("DELETE", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gadgets.toys.example.com",
        null, null).statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      assertThat(fixture.get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gadgets.toys.example.com")
          .statusCode()).isEqualTo(404);
      assertThat(fixture.get("/apis/toys.example.com/v1/namespaces/default/gadgets").statusCode()).isEqualTo(404);
    });
    assertThat(fixture.store.get(io.capstan.spi.store.Bytes.utf8("/registry/toys.example.com/gadgets/default/g1"))).as("the object was deleted from the store").isEmpty();
  }
}
