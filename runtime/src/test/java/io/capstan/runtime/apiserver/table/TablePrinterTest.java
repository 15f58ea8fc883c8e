package io.capstan.runtime.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.api.PrinterColumn;
import io.capstan.spi.api.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TablePrinterTest {

  private static final Instant NOW = PodPrinterTest.NOW;
  private static final KindRegistry REGISTRY = KindRegistry.builtIn();
  private final TablePrinter printer = TablePrinter.builtIn();

  private static ResourceKind kind(String name) {
    return REGISTRY.resolve(name).orElseThrow();
  }

  @Test
  void deploymentListIsKubernetesTableJson() throws IOException {
    var deployment = new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("default")
        .withUid("0b7d2c").withResourceVersion("104").withCreationTimestamp("2025-01-01T11:55:00Z")
        .addToLabels("app", "web").endMetadata().withNewSpec().withReplicas(2).withNewSelector()
        .addToMatchLabels("app", "web").endSelector().withNewTemplate().withNewSpec().addNewContainer()
        .withName("nginx").withImage("nginx:1.27").endContainer().endSpec().endTemplate().endSpec().withNewStatus()
        .withReadyReplicas(2).withUpdatedReplicas(2).withAvailableReplicas(2).endStatus().build();
    Table table = printer.list(kind("deployments"), List.of(deployment),
        new ListMetaBuilder().withResourceVersion("105").build(), NOW, TableOptions.DEFAULT);
    // compared as a client reads the bytes (Jackson tells an int node from a long node of the same value)
    JsonNode written = KubeJson.mapper().readTree(KubeJson.mapper().writeValueAsBytes(table.toJson()));
    assertThat(written).isEqualTo(golden("table/deployments.table.json"));
  }

  @Test
  void builtInKindsWithoutPrinterGetNameAndCreatedAt() {
    HasMetadata role = new RoleBuilder().withNewMetadata().withName("reader").withCreationTimestamp(
        "2025-01-01T10:30:00.5Z").endMetadata().build();
    Table table = printer.object(kind("roles"), role, NOW, TableOptions.DEFAULT);
    assertThat(table.columnDefinitions()).extracting(c -> c.name() + "/" + c.type())
        .containsExactly("Name/string", "Created At/date");
    assertThat(table.rows().get(0).cells()).containsExactly("reader", "2025-01-01T10:30:00Z");
    assertThat(printer.printerFor(kind("crd")).columns()).extracting(TableColumnDefinition::name)
        .containsExactly("Name", "Created At");
    assertThat(printer.printerFor(kind("limitranges")).cells(new RoleBuilder().withNewMetadata().withName("l")
        .endMetadata().build(), NOW)).containsExactly("l", "0001-01-01T00:00:00Z");
  }

  @Test
  void pluginKindsPrintTheirColumnsOrNameAndAge() {
    ResourceKind widget = ResourceKind.of("example.com", "v1", "Widget", "widgets", true,
        GenericKubernetesResource.class).withPrinterColumns(
            PrinterColumn.of("Replicas", "integer", ".spec.replicas"),
            PrinterColumn.of("Ratio", "number", ".status.ratio"),
            PrinterColumn.of("Ready", "boolean", ".status.ready"),
            PrinterColumn.of("Size", "string", ".spec.size"),
            PrinterColumn.of("Owner", "string", ".metadata.labels['example.com/owner']"),
            PrinterColumn.of("Phase", "string", ".status.conditions[0].type").wide(),
            PrinterColumn.of("Missing", "integer", ".spec.nothing"),
            PrinterColumn.of("Age", "date", ".metadata.creationTimestamp"));
    GenericKubernetesResource w = new GenericKubernetesResourceBuilder().withApiVersion("example.com/v1")
        .withKind("Widget").withNewMetadata().withName("w1").withCreationTimestamp("2025-01-01T11:58:00Z")
        .addToLabels("example.com/owner", "team-a").endMetadata()
        .withAdditionalProperties(Map.of("spec", Map.of("replicas", 3, "size", Map.of("cpu", 2)),
            "status", Map.of("ratio", 0.5, "ready", true, "conditions", List.of(Map.of("type", "Ready")))))
        .build();
    Table table = printer.list(widget, List.of(w), null, NOW, TableOptions.DEFAULT);
    assertThat(table.columnDefinitions()).extracting(c -> c.name() + ":" + c.priority()).containsExactly("Name:0",
        "Replicas:0", "Ratio:0", "Ready:0", "Size:0", "Owner:0", "Phase:1", "Missing:0", "Age:0");
    assertThat(table.rows().get(0).cells()).containsExactly("w1", 3L, 0.5, true, "{\"cpu\":2}", "team-a", "Ready",
        null, "2m");
    ResourceKind plain = ResourceKind.of("example.com", "v1", "Blob", "blobs", false, GenericKubernetesResource.class);
    Table defaults = printer.object(plain, w, NOW, TableOptions.DEFAULT);
    assertThat(defaults.columnDefinitions()).extracting(c -> c.name() + "/" + c.type())
        .containsExactly("Name/string", "Age/date");
    assertThat(defaults.rows().get(0).cells()).containsExactly("w1", "2m");
  }

  @Test
  void rowsCarryMetadataTheObjectOrNothing() {
    Pod pod = PodPrinterTest.pod("p", 1).editMetadata().withNamespace("default").withResourceVersion("7")
        .addToLabels("app", "x").endMetadata().build();
    JsonNode partial = printer.object(kind("pods"), pod, NOW, TableOptions.DEFAULT).rows().get(0).object()
        .orElseThrow();
    assertThat(partial.toString()).isEqualTo("{\"kind\":\"PartialObjectMetadata\",\"apiVersion\":\"meta.k8s.io/v1\","
        + "\"metadata\":{\"labels\":{\"app\":\"x\"},\"name\":\"p\",\"namespace\":\"default\","
        + "\"resourceVersion\":\"7\"}}");
    Table whole = printer.object(kind("pods"), pod, NOW, TableOptions.DEFAULT.withIncludeObject(IncludeObject.OBJECT));
    assertThat(whole.rows().get(0).object().orElseThrow().get("kind").asText()).isEqualTo("Pod");
    assertThat(whole.rows().get(0).object().orElseThrow().at("/spec/containers/0/name").asText()).isEqualTo("c0");
    assertThat(whole.resourceVersion()).isEqualTo("7");
    Table none = printer.object(kind("pods"), pod, NOW, new TableOptions("meta.k8s.io/v1beta1", IncludeObject.NONE,
        true));
    assertThat(none.toJson().toString()).isEqualTo("{\"kind\":\"Table\",\"apiVersion\":\"meta.k8s.io/v1beta1\","
        + "\"metadata\":{\"resourceVersion\":\"7\"},\"columnDefinitions\":[],\"rows\":[{\"cells\":[\"p\",\"0/1\",\"\","
        + "\"0\",\"<unknown>\",\"<none>\",\"<none>\",\"<none>\",\"<none>\"]}]}");
  }

  @Test
  void genericObjectsArePrintedThroughTheTypedModel() {
    GenericKubernetesResource generic = KubeJson.mapper().convertValue(PodPrinterTest.pod("g", 2).withNewStatus()
        .withPhase("Pending").endStatus().build(), GenericKubernetesResource.class);
    assertThat(printer.object(kind("pods"), generic, NOW, TableOptions.DEFAULT).rows().get(0).cells().subList(0, 3))
        .containsExactly("g", "0/2", "Pending");
  }

  @Test
  void emptyListsAndPagingMetadata() {
    Table empty = printer.list(kind("pods"), List.of(), new ListMetaBuilder().withResourceVersion("9")
        .withContinue("abc").withRemainingItemCount(4L).build(), NOW, TableOptions.DEFAULT);
    JsonNode json = empty.toJson();
    assertThat(json.get("rows")).isEmpty();
    assertThat(json.get("metadata").toString()).isEqualTo("{\"resourceVersion\":\"9\",\"continue\":\"abc\","
        + "\"remainingItemCount\":4}");
    assertThat(json.get("columnDefinitions")).hasSize(9);
  }

  @Test
  void printersCanBeReplacedAndCellsAreChecked() {
    KindPrinter custom = new KindPrinter() {
      @Override
      public List<TableColumnDefinition> columns() {
        return List.of(Columns.NAME);
      }

      @Override
      public List<Object> cells(HasMetadata object, Instant now) {
        return List.of("custom-" + object.getMetadata().getName());
      }
    };
    TablePrinter replaced = printer.withPrinter("", "v1", "Pod", custom);
    assertThat(replaced.object(kind("pods"), PodPrinterTest.pod("p", 1).build(), NOW, TableOptions.DEFAULT).rows()
        .get(0).cells()).containsExactly("custom-p");
    assertThat(printer.printerFor(kind("pods")).columns()).hasSize(9);
    assertThatThrownBy(() -> new TableRow(List.of(1), List.of(), java.util.Optional.empty()))
        .hasMessageContaining("java.lang.Integer");
    assertThatThrownBy(() -> new TableOptions("v1", IncludeObject.NONE, false)).hasMessageContaining("meta.k8s.io");
    assertThat(IncludeObject.parse(null)).isEqualTo(IncludeObject.METADATA);
    assertThat(IncludeObject.parse("Object")).isEqualTo(IncludeObject.OBJECT);
    assertThatThrownBy(() -> IncludeObject.parse("Everything")).hasMessageContaining("None, Metadata or Object");
  }

  private static JsonNode golden(String resource) throws IOException {
    try (InputStream in = TablePrinterTest.class.getResourceAsStream("/" + resource)) {
      return KubeJson.mapper().readTree(in);
    }
  }
}
