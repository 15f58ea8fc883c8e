package io.capstan.runtime.apiserver.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.spi.api.BuiltInKinds;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Golden tests against Kubernetes' own discovery documents (see src/test/resources/discovery/README.md). */
class DiscoveryDocumentsTest {

  private static final String KUBECTL_ACCEPT = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
      + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

  private final DiscoveryDocuments docs = DiscoveryDocuments.of(KindRegistry.builtIn());

  @Test
  void appsV1IsKubernetesDocumentExactly() {
    assertThat(docs.resourceList("apps", "v1")).contains(Golden.read("discovery/apis__apps__v1.json"));
  }

  @Test
  void coreV1MatchesKubernetesForEveryServedResource() {
    assertThat(docs.resourceList("", "v1")).contains(Golden.read("discovery/api__v1.subset.json"));
  }

  @Test
  void aggregatedGroupsMatchKubernetes() {
    DiscoveryResponse apis = docs.apis(KUBECTL_ACCEPT);
    assertThat(apis.contentType()).isEqualTo("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
    JsonNode golden = Golden.read("discovery/aggregated_v2.subset.json");
    assertThat(apis.body().get("kind").asText()).isEqualTo("APIGroupDiscoveryList");
    assertThat(apis.body().get("apiVersion")).isEqualTo(golden.get("apiVersion"));
    for (JsonNode expected : golden.get("items")) {
      String name = expected.at("/metadata/name").asText();
      assertThat(item(apis.body(), name)).as(name).isEqualTo(expected);
    }
  }

  @Test
  void coreAggregatedListsPodsWithTheirSubresources() {
    DiscoveryResponse api = docs.api(KUBECTL_ACCEPT, "127.0.0.1:6443");
    JsonNode core = item(api.body(), "");
    assertThat(api.body().get("items")).hasSize(1);
    JsonNode pods = StreamSupport.stream(core.at("/versions/0/resources").spliterator(), false)
        .filter(r -> r.get("resource").asText().equals("pods")).findFirst().orElseThrow();
    assertThat(pods.toString()).isEqualTo("{\"resource\":\"pods\",\"responseKind\":{\"group\":\"\",\"version\":\"\","
        + "\"kind\":\"Pod\"},\"scope\":\"Namespaced\",\"singularResource\":\"pod\",\"verbs\":[\"create\",\"delete\","
        + "\"deletecollection\",\"get\",\"list\",\"patch\",\"update\",\"watch\"],\"shortNames\":[\"po\"],"
        + "\"categories\":[\"all\"],\"subresources\":[{\"subresource\":\"binding\",\"responseKind\":{\"group\":\"\","
        + "\"version\":\"\",\"kind\":\"Binding\"},\"verbs\":[\"create\"]},{\"subresource\":\"eviction\","
        + "\"responseKind\":{\"group\":\"policy\",\"version\":\"v1\",\"kind\":\"Eviction\"},\"verbs\":[\"create\"]},"
        + "{\"subresource\":\"log\",\"responseKind\":{\"group\":\"\",\"version\":\"\",\"kind\":\"Pod\"},"
        + "\"verbs\":[\"get\"]},{\"subresource\":\"status\",\"responseKind\":{\"group\":\"\",\"version\":\"\","
        + "\"kind\":\"Pod\"},\"verbs\":[\"get\",\"patch\",\"update\"]}]}");
  }

  @Test
  void legacyRootsMatchKubernetes() {
    DiscoveryResponse api = docs.api("application/json, */*", "10.10.10.10:8050");
    assertThat(api.contentType()).isEqualTo("application/json");
    // kubernetes/kubernetes api/discovery/api.json @ 008b3652959c
    assertThat(api.body().toString()).isEqualTo("{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],"
        + "\"serverAddressByClientCIDRs\":[{\"clientCIDR\":\"0.0.0.0/0\",\"serverAddress\":\"10.10.10.10:8050\"}]}");
    DiscoveryResponse apis = docs.apis(null);
    assertThat(apis.body().get("kind").asText()).isEqualTo("APIGroupList");
    assertThat(apis.body().get("apiVersion").asText()).isEqualTo("v1");
    // the order of kubernetes/kubernetes api/discovery/apis.json @ 0260c7d02355, restricted to Capstan's groups
    assertThat(names(apis.body().get("groups"), "/name")).containsExactly("apps", "events.k8s.io", "autoscaling",
        "batch", "networking.k8s.io", "policy", "rbac.authorization.k8s.io", "admissionregistration.k8s.io", "apiextensions.k8s.io",
        "scheduling.k8s.io", "coordination.k8s.io", "discovery.k8s.io");
    assertThat(apis.body().at("/groups/0").toString()).isEqualTo("{\"name\":\"apps\",\"versions\":[{\"groupVersion\":"
        + "\"apps/v1\",\"version\":\"v1\"}],\"preferredVersion\":{\"groupVersion\":\"apps/v1\",\"version\":\"v1\"}}");
    assertThat(docs.apiGroup("batch").orElseThrow().get("kind").asText()).isEqualTo("APIGroup");
  }

  @Test
  void pluginKindsAreDiscoverableWithPreferredVersionsAndSubresources() {
    List<ResourceKind> kinds = new ArrayList<>(BuiltInKinds.all());
    ResourceKind widgetV1 = ResourceKind.of("example.com", "v1", "Widget", "widgets", true,
        GenericKubernetesResource.class, "wd").withCategories("all").withSubresources("status", "scale");
    // KindRegistry serves one kind per group+plural, so the older version holds another resource
    kinds.add(ResourceKind.of("example.com", "v1beta1", "Gadget", "gadgets", true, GenericKubernetesResource.class));
    kinds.add(widgetV1);
    kinds.add(ResourceKind.of("aaa.io", "v1alpha1", "Gizmo", "gizmos", false, GenericKubernetesResource.class));
    DiscoveryDocuments withPlugins = DiscoveryDocuments.of(KindRegistry.of(kinds));

    JsonNode groups = withPlugins.apis(null).body().get("groups");
    List<String> names = names(groups, "/name");
    assertThat(names.subList(names.size() - 2, names.size())).containsExactly("aaa.io", "example.com");
    assertThat(groups.get(groups.size() - 1).at("/preferredVersion/version").asText()).isEqualTo("v1");
    assertThat(names(groups.get(groups.size() - 1).get("versions"), "/version")).containsExactly("v1", "v1beta1");

    JsonNode list = withPlugins.resourceList("example.com", "v1").orElseThrow();
    assertThat(names(list.get("resources"), "/name")).containsExactly("widgets", "widgets/scale", "widgets/status");
    assertThat(list.at("/resources/0/categories/0").asText()).isEqualTo("all");
    assertThat(list.at("/resources/1/group").asText()).isEqualTo("autoscaling");
    assertThat(withPlugins.resourceList("example.com", "v1beta1").orElseThrow().get("resources")).hasSize(1);

    JsonNode aggregated = item(withPlugins.apis(KUBECTL_ACCEPT).body(), "example.com");
    assertThat(names(aggregated.get("versions"), "/version")).containsExactly("v1", "v1beta1");
    assertThat(aggregated.at("/versions/0/resources/0/subresources/1/responseKind/kind").asText()).isEqualTo("Widget");
  }

  @Test
  void unknownGroupsAndVersionsAreAbsent() {
    assertThat(docs.resourceList("apps", "v2")).isEmpty();
    assertThat(docs.resourceList("nope.io", "v1")).isEmpty();
    assertThat(docs.apiGroup("nope.io")).isEmpty();
    assertThat(docs.apiGroup("")).isEmpty();
  }

  @Test
  void everyCallReturnsItsOwnCopy() {
    ((com.fasterxml.jackson.databind.node.ObjectNode) docs.apis(null).body()).put("kind", "Mutated");
    assertThat(docs.apis(null).body().get("kind").asText()).isEqualTo("APIGroupList");
  }

  private static JsonNode item(JsonNode list, String name) {
    return StreamSupport.stream(list.get("items").spliterator(), false)
        .filter(i -> i.at("/metadata/name").asText().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no item " + name + " in " + list));
  }

  private static List<String> names(JsonNode array, String pointer) {
    return StreamSupport.stream(array.spliterator(), false).map(n -> n.at(pointer).asText()).toList();
  }
}
