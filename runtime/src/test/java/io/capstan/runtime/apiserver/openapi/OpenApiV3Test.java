package io.capstan.runtime.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.spi.api.BuiltInKinds;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.api.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpenApiV3Test {

  private static final String APPS_ITEM = "/apis/apps/v1/namespaces/{namespace}/deployments/{name}";
  private static final ResourceKind WIDGET = ResourceKind.of("example.com", "v1", "Widget", "widgets", true,
      GenericKubernetesResource.class, "wd").withSubresources("status", "scale").withSchema(widgetSchema());

  private static OpenApiV3 builtIn;
  private static OpenApiV3 withPlugin;

  @BeforeAll
  static void build() {
    builtIn = OpenApiV3.of(KindRegistry.builtIn());
    List<ResourceKind> kinds = new ArrayList<>(BuiltInKinds.all());
    kinds.add(WIDGET);
    kinds.add(ResourceKind.of("example.com", "v1", "Blob", "blobs", false, GenericKubernetesResource.class));
    withPlugin = OpenApiV3.of(KindRegistry.of(kinds));
  }

  private static ObjectNode widgetSchema() {
    ObjectNode schema = KubeJson.mapper().createObjectNode().put("type", "object");
    ObjectNode spec = schema.withObject("/properties/spec").put("type", "object");
    spec.withObject("/properties/size").put("type", "integer");
    spec.withObject("/properties/color").put("type", "string");
    return schema;
  }

  @Test
  void deploymentSchemaLeadsToContainersByRef() {
    JsonNode doc = builtIn.document("apis/apps/v1").orElseThrow().json();
    JsonNode deployment = Schemas.byGvk(doc, "apps", "v1", "Deployment");
    JsonNode podSpec = Schemas.walk(doc, deployment, "spec", "template", "spec");
    JsonNode containers = podSpec.at("/properties/containers");
    assertThat(containers.get("type").asText()).isEqualTo("array");
    assertThat(containers.at("/items/$ref").asText()).isEqualTo("#/components/schemas/io.k8s.api.core.v1.Container");
    assertThat(containers.get("x-kubernetes-patch-merge-key").asText()).isEqualTo("name");
    assertThat(containers.get("x-kubernetes-patch-strategy").asText()).isEqualTo("merge");
    assertThat(podSpec.get("required")).extracting(JsonNode::asText).containsExactly("containers");
    JsonNode container = Schemas.resolve(doc, containers.get("items"));
    assertThat(container.at("/properties/image/type").asText()).isEqualTo("string");
    assertThat(container.at("/properties/ports/items/$ref").asText()).endsWith("io.k8s.api.core.v1.ContainerPort");
    assertThat(Schemas.resolve(doc, container.at("/properties/resources")).at("/properties/limits/additionalProperties"
        + "/$ref").asText()).endsWith("io.k8s.apimachinery.pkg.api.resource.Quantity");
    assertThat(Schemas.walk(doc, deployment, "spec").at("/properties/replicas/format").asText()).isEqualTo("int32");
  }

  @Test
  void patchOperationsDeclareFieldValidationForEveryKindAsKubectlChecks() {
    ObjectNode patch = (ObjectNode) builtIn.document("apis/apps/v1").orElseThrow().json().at("/paths").get(APPS_ITEM)
        .get("patch");
    assertThat(patch.get("operationId").asText()).isEqualTo("patchAppsV1NamespacedDeployment");
    assertThat(patch.get("x-kubernetes-action").asText()).isEqualTo("patch");
    assertThat(patch.get("x-kubernetes-group-version-kind").toString())
        .isEqualTo("{\"group\":\"apps\",\"kind\":\"Deployment\",\"version\":\"v1\"}");
    for (ResourceKind kind : KindRegistry.of(withPluginKinds()).all()) {
      JsonNode doc = withPlugin.document(docPath(kind)).orElseThrow().json();
      assertThat(KubectlChecks.supportsFieldValidation(doc, kind.group(), kind.version(), kind.kind()))
          .as(kind.toString()).isTrue();
    }
  }

  @Test
  void kubectlExplainFindsEveryKindsSchema() {
    for (ResourceKind kind : KindRegistry.of(withPluginKinds()).all()) {
      JsonNode doc = withPlugin.document(docPath(kind)).orElseThrow().json();
      JsonNode gvk = KubectlChecks.explainGvk(doc, kind);
      assertThat(gvk).as(kind.toString()).isNotNull();
      assertThat(Schemas.byGvk(doc, gvk.get("group").asText(), gvk.get("version").asText(), gvk.get("kind").asText()))
          .as(kind.toString()).isNotNull();
    }
  }

  @Test
  void everyRefResolvesInEveryDocument() {
    for (String path : withPlugin.paths()) {
      JsonNode doc = withPlugin.document(path).orElseThrow().json();
      assertThat(Schemas.danglingRefs(doc)).as(path).isEmpty();
    }
  }

  @Test
  void pluginKindsAppearWithTheirOwnSchema() {
    assertThat(withPlugin.paths()).contains("apis/example.com/v1");
    assertThat(builtIn.paths()).doesNotContain("apis/example.com/v1");
    JsonNode doc = withPlugin.document("/openapi/v3/apis/example.com/v1").orElseThrow().json();
    JsonNode widget = doc.at("/components/schemas/com.example.v1.Widget");
    assertThat(widget.at("/properties/spec/properties/size/type").asText()).isEqualTo("integer");
    assertThat(widget.at("/properties/metadata/allOf/0/$ref").asText()).endsWith("meta.v1.ObjectMeta");
    assertThat(widget.at("/x-kubernetes-group-version-kind/0/kind").asText()).isEqualTo("Widget");
    assertThat(doc.at("/components/schemas/com.example.v1.WidgetList/properties/items/items/$ref").asText())
        .endsWith("com.example.v1.Widget");
    JsonNode scalePatch = doc.at("/paths").get("/apis/example.com/v1/namespaces/{namespace}/widgets/{name}/scale")
        .get("patch");
    assertThat(scalePatch.at("/x-kubernetes-group-version-kind/kind").asText()).isEqualTo("Scale");
    assertThat(doc.at("/components/schemas/io.k8s.api.autoscaling.v1.Scale/type").asText()).isEqualTo("object");
    assertThat(Schemas.byGvk(doc, "autoscaling", "v1", "Scale")).isNotNull();
    JsonNode blob = doc.at("/components/schemas/com.example.v1.Blob");
    assertThat(blob.get("x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
    assertThat(doc.at("/paths").has("/apis/example.com/v1/blobs/{name}")).isTrue();
  }

  @Test
  void leasePathsHaveKubernetesSkeleton() {
    JsonNode doc = builtIn.document("apis/coordination.k8s.io/v1").orElseThrow().json();
    JsonNode golden = Golden.read("openapi/coordination_v1_lease.skeleton.json");
    golden.fields().forEachRemaining(path -> {
      JsonNode ours = doc.at("/paths").get(path.getKey());
      path.getValue().fields().forEachRemaining(e -> {
        if (e.getKey().equals("parameters")) {
          assertThat(Skeleton.names(ours.get("parameters"))).as(path.getKey())
              .isEqualTo(Skeleton.strings(e.getValue()));
        } else {
          assertThat(Skeleton.of(ours.get(e.getKey()))).as(path.getKey() + " " + e.getKey()).isEqualTo(e.getValue());
        }
      });
    });
  }

  @Test
  void operationIdsAndVerbsFollowKubernetes() {
    JsonNode core = builtIn.document("api/v1").orElseThrow().json().get("paths");
    assertThat(core.at("/~1api~1v1~1namespaces~1{namespace}~1pods~1{name}~1log/get/operationId").asText())
        .isEqualTo("readCoreV1NamespacedPodLog");
    assertThat(core.at("/~1api~1v1~1namespaces~1{namespace}~1pods/delete/operationId").asText())
        .isEqualTo("deleteCoreV1CollectionNamespacedPod");
    assertThat(core.at("/~1api~1v1~1pods/get/operationId").asText()).isEqualTo("listCoreV1PodForAllNamespaces");
    assertThat(core.at("/~1api~1v1~1namespaces~1{name}~1finalize/put/operationId").asText())
        .isEqualTo("replaceCoreV1NamespaceFinalize");
    assertThat(core.at("/~1api~1v1~1namespaces~1{namespace}~1pods~1{name}~1eviction/post/"
        + "x-kubernetes-group-version-kind/group").asText()).isEqualTo("policy");
    // namespaces have no deletecollection verb, so no collection DELETE
    assertThat(core.at("/~1api~1v1~1namespaces").has("delete")).isFalse();
    JsonNode rbac = builtIn.document("apis/rbac.authorization.k8s.io/v1").orElseThrow().json().get("paths");
    assertThat(rbac.at("/~1apis~1rbac.authorization.k8s.io~1v1~1clusterroles~1{name}/patch/operationId").asText())
        .isEqualTo("patchRbacAuthorizationV1ClusterRole");
    assertThat(rbac.at("/~1apis~1rbac.authorization.k8s.io~1v1~1clusterroles~1{name}/patch/tags/0").asText())
        .isEqualTo("rbacAuthorization_v1");
  }

  @Test
  void theIndexListsEveryDocumentWithAHashOfItsBytes() throws Exception {
    JsonNode index = withPlugin.index();
    assertThat(index.get("paths").size()).isEqualTo(withPlugin.paths().size());
    OpenApiDocument apps = withPlugin.document("apis/apps/v1").orElseThrow();
    String expected = HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512")
        .digest(apps.bytes()));
    assertThat(apps.hash()).isEqualTo(expected).hasSize(128);
    assertThat(index.at("/paths").get("apis/apps/v1").get("serverRelativeURL").asText())
        .isEqualTo("/openapi/v3/apis/apps/v1?hash=" + expected);
    assertThat(KubeJson.mapper().readTree(apps.bytes())).isEqualTo(apps.json());
    // the same kinds give the same bytes; other kinds in the group version give another hash
    assertThat(builtIn.document("apis/apps/v1").orElseThrow().hash()).isEqualTo(apps.hash());
    List<ResourceKind> more = new ArrayList<>(BuiltInKinds.all());
    more.add(ResourceKind.of("apps", "v1", "Gizmo", "gizmos", true, GenericKubernetesResource.class));
    assertThat(OpenApiV3.of(KindRegistry.of(more)).document("apis/apps/v1").orElseThrow().hash())
        .isNotEqualTo(apps.hash());
    assertThat(builtIn.document("apis/apps/v2")).isEmpty();
    assertThat(builtIn.document("/apis/apps/v1")).isPresent();
  }

  @Test
  void scalarModelTypesGetKubernetesSchemas() {
    JsonNode schemas = builtIn.document("api/v1").orElseThrow().json().at("/components/schemas");
    assertThat(schemas.at("/io.k8s.apimachinery.pkg.util.intstr.IntOrString/format").asText())
        .isEqualTo("int-or-string");
    assertThat(schemas.at("/io.k8s.apimachinery.pkg.api.resource.Quantity/oneOf")).hasSize(2);
    assertThat(schemas.at("/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta/properties/ownerReferences/"
        + "x-kubernetes-patch-merge-key").asText()).isEqualTo("uid");
    assertThat(schemas.at("/io.k8s.api.core.v1.Container/required/0").asText()).isEqualTo("name");
    assertThat(schemas.at("/io.k8s.api.core.v1.Pod/x-kubernetes-group-version-kind/0").toString())
        .isEqualTo("{\"group\":\"\",\"kind\":\"Pod\",\"version\":\"v1\"}");
    assertThat(schemas.at("/io.k8s.api.core.v1.Pod/properties/additionalProperties").isMissingNode()).isTrue();
  }

  private static List<ResourceKind> withPluginKinds() {
    List<ResourceKind> kinds = new ArrayList<>(BuiltInKinds.all());
    kinds.add(WIDGET);
    kinds.add(ResourceKind.of("example.com", "v1", "Blob", "blobs", false, GenericKubernetesResource.class));
    return kinds;
  }

  private static String docPath(ResourceKind kind) {
    return kind.group().isEmpty() ? "api/" + kind.version() : "apis/" + kind.group() + "/" + kind.version();
  }
}
