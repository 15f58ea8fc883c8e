package io.capstan.runtime.apiserver.table;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One column of a {@code meta.k8s.io/v1 Table} ({@code TableColumnDefinition}). kubectl prints the
 * name upper-cased as the header and shows a column by default only at priority 0; {@code -o wide}
 * shows all. Immutable.
 *
 * @param name the header ({@code Ready})
 * @param type {@code string}, {@code integer}, {@code number}, {@code boolean} or {@code date}
 * @param format a hint such as {@code name} (the column that identifies the row), usually empty
 * @param description what the column shows
 * @param priority 0 for the default view, 1 for {@code -o wide}
 */
public record TableColumnDefinition(String name, String type, String format, String description, int priority) {

  public TableColumnDefinition {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    requireNonNull(format, "format");
    requireNonNull(description, "description");
  }

  /** The definition as Kubernetes writes it; every field is present, as in Go's JSON tags. */
  public ObjectNode toJson() {
    return JsonNodeFactory.instance.objectNode().put("name", name).put("type", type).put("format", format)
        .put("description", description).put("priority", priority);
  }
}
