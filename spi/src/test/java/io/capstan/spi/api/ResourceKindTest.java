package io.capstan.spi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceKindTest {

  private static final ResourceKind WIDGET =
      ResourceKind.of("example.com", "v1", "Widget", "widgets", true, GenericKubernetesResource.class, "wd");

  @Test
  void theOriginalFormsKeepWorkingWithDefaults() {
    ResourceKind nine = new ResourceKind("", "v1", "Pod", "pods", "pod", true, List.of("po"), Pod.class, "PodList");
    assertThat(nine.verbs()).isEqualTo(ResourceKind.STANDARD_VERBS);
    assertThat(nine.categories()).isEmpty();
    assertThat(nine.subresources()).isEmpty();
    assertThat(nine.printerColumns()).isEmpty();
    assertThat(nine.schema()).isEmpty();
    assertThat(WIDGET.verbs()).containsExactly("create", "delete", "deletecollection", "get", "list", "patch",
        "update", "watch");
  }

  @Test
  void withMethodsReturnChangedCopies() {
    PrinterColumn replicas = PrinterColumn.of("Replicas", "integer", ".spec.replicas");
    ResourceKind rich = WIDGET.withCategories("all").withSubresources("status", "scale").withVerbs("get", "list")
        .withPrinterColumns(replicas, PrinterColumn.of("Age", "date", ".metadata.creationTimestamp").wide());
    assertThat(rich.categories()).containsExactly("all");
    assertThat(rich.subresources()).containsExactly("scale", "status");
    assertThat(rich.verbs()).containsExactly("get", "list");
    assertThat(rich.printerColumns()).extracting(PrinterColumn::priority).containsExactly(0, 1);
    assertThat(rich.shortNames()).containsExactly("wd");
    assertThat(WIDGET.categories()).isEmpty();
    assertThat(rich).isNotEqualTo(WIDGET);
  }

  @Test
  void theSchemaIsCopiedInAndOut() {
    ObjectNode schema = KubeJson.mapper().createObjectNode().put("type", "object");
    ResourceKind withSchema = WIDGET.withSchema(schema);
    schema.put("type", "string");
    withSchema.schema().orElseThrow().withObject("/properties").put("x", 1);
    assertThat(withSchema.schema().orElseThrow().toString()).isEqualTo("{\"type\":\"object\"}");
    assertThatThrownBy(() -> WIDGET.withSchema(KubeJson.mapper().getNodeFactory().textNode("x")))
        .hasMessageContaining("must be a JSON object");
  }

  @Test
  void rejectsMalformedDescriptions() {
    assertThatThrownBy(() -> WIDGET.withCategories("All")).hasMessageContaining("category of Widget");
    assertThatThrownBy(() -> WIDGET.withVerbs("")).hasMessageContaining("verb of Widget");
    assertThatThrownBy(() -> WIDGET.withSubresources("status/x")).hasMessageContaining("without '/'");
  }

  @Test
  void printerColumnsFollowTheCrdRules() {
    assertThatThrownBy(() -> PrinterColumn.of("Size", "float", ".spec.size")).hasMessageContaining("'float'");
    assertThatThrownBy(() -> PrinterColumn.of("Size", "integer", "spec.size")).hasMessageContaining("dot");
    assertThatThrownBy(() -> PrinterColumn.of(" ", "integer", ".spec.size")).hasMessageContaining("name");
    assertThatThrownBy(() -> new PrinterColumn("Size", "integer", "", "", -1, ".spec.size"))
        .hasMessageContaining("priority");
  }

  @Test
  void builtInKindsCarryKubernetesCategoriesSubresourcesAndVerbs() {
    KindRegistry registry = KindRegistry.builtIn();
    // kubectl get all lists exactly these (kubectl.md §1.2, observed)
    assertThat(registry.all().stream().filter(k -> k.categories().contains("all")).map(ResourceKind::plural))
        .containsExactlyInAnyOrder("pods", "services", "replicationcontrollers", "deployments", "replicasets",
            "statefulsets", "daemonsets", "jobs", "cronjobs", "horizontalpodautoscalers");
    assertThat(registry.resolve("deploy").orElseThrow().subresources()).containsExactly("scale", "status");
    assertThat(registry.resolve("po").orElseThrow().subresources())
        .containsExactly("binding", "eviction", "log", "status");
    assertThat(registry.resolve("ns").orElseThrow().verbs()).doesNotContain("deletecollection").contains("watch");
    assertThat(registry.resolve("ns").orElseThrow().subresources()).containsExactly("finalize", "status");
    assertThat(registry.resolve("cm").orElseThrow().subresources()).isEmpty();
    assertThat(registry.resolve("crd").orElseThrow().categories()).containsExactly("api-extensions");
  }
}
