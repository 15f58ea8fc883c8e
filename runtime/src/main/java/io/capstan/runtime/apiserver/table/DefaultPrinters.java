package io.capstan.runtime.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.api.PrinterColumn;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The printers for kinds without one of their own:
 * <ul>
 *   <li>{@link #createdAt()}: Kubernetes' {@code DefaultTableConvertor}
 *       (k8s.io/apiserver/pkg/registry/rest/table.go), NAME and CREATED AT as an RFC 3339 time, which
 *       built-in kinds without a printer use (roles, cluster roles, limit ranges, CRDs);
 *   <li>{@link #columns(List)}: apiextensions-apiserver's table convertor for custom resources:
 *       NAME, then each printer column's JSONPath value formatted by its type ({@code date} as an
 *       age), or NAME AGE when the kind declares no columns.
 * </ul>
 * Stateless.
 */
final class DefaultPrinters {

  private static final PrinterColumn AGE = new PrinterColumn("Age", "date", "", Columns.CREATION_DOC, 0,
      ".metadata.creationTimestamp");

  private DefaultPrinters() {}

  static KindPrinter createdAt() {
    List<TableColumnDefinition> columns = List.of(Columns.NAME,
        new TableColumnDefinition("Created At", "date", "", Columns.CREATION_DOC, 0));
    return new KindPrinter() {
      @Override
      public List<TableColumnDefinition> columns() {
        return columns;
      }

      @Override
      public List<Object> cells(HasMetadata object, Instant now) {
        Instant created = Ages.parse(object.getMetadata().getCreationTimestamp()).orElse(Instant.parse(
            "0001-01-01T00:00:00Z")).truncatedTo(ChronoUnit.SECONDS);
        return Columns.cells(object.getMetadata().getName(), DateTimeFormatter.ISO_INSTANT.format(created));
      }
    };
  }

  /** NAME and the given columns, or NAME AGE when there are none. */
  static KindPrinter columns(List<PrinterColumn> printerColumns) {
    List<PrinterColumn> declared = printerColumns.isEmpty() ? List.of(AGE) : List.copyOf(printerColumns);
    List<SimpleJsonPath> paths = declared.stream().map(c -> SimpleJsonPath.parse(c.jsonPath())).toList();
    List<TableColumnDefinition> columns = new ArrayList<>(List.of(Columns.NAME));
    declared.forEach(c -> columns.add(new TableColumnDefinition(c.name(), c.type(), c.format(), c.description(),
        c.priority())));
    return new KindPrinter() {
      @Override
      public List<TableColumnDefinition> columns() {
        return List.copyOf(columns);
      }

      @Override
      public List<Object> cells(HasMetadata object, Instant now) {
        JsonNode json = KubeJson.mapper().valueToTree(object);
        List<Object> cells = Columns.cells(object.getMetadata().getName());
        for (int i = 0; i < declared.size(); i++) {
          String type = declared.get(i).type();
          cells.add(paths.get(i).find(json).map(v -> cell(type, v, now)).orElse(null));
        }
        return cells;
      }
    };
  }

  /** apiextensions' {@code cellForJSONValue}: the value as the column's type, or null when it is not one. */
  static Object cell(String type, JsonNode value, Instant now) {
    return switch (type) {
      case "integer" -> value.isNumber() ? (Object) value.asLong() : null;
      case "number" -> value.isNumber() ? (Object) value.asDouble() : null;
      case "boolean" -> value.isBoolean() ? (Object) value.asBoolean() : null;
      case "date" -> !value.isTextual() ? null : value.asText().isEmpty() ? "<unknown>"
          : Ages.parse(value.asText()).map(t -> (Object) Ages.since(value.asText(), now)).orElse("<invalid>");
      default -> value.isValueNode() ? value.asText() : value.toString();
    };
  }
}
