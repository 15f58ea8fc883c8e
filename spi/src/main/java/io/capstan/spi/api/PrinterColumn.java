package io.capstan.spi.api;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * One column that {@code kubectl get} shows for a plugin kind, the way a CustomResourceDefinition's
 * {@code additionalPrinterColumns} declares it. The API server evaluates {@link #jsonPath()} against
 * each object and formats the value by {@link #type()}; the {@code NAME} column always comes first
 * and is not declared here.
 *
 * <p>The rules are those of apiextensions-apiserver's validation of
 * {@code CustomResourceColumnDefinition}: {@code type} is one of {@code integer}, {@code number},
 * {@code string}, {@code boolean} or {@code date} (a {@code date} cell prints as an age such as
 * {@code 5m}); {@code priority} 0 is always shown, higher values only with {@code -o wide}; the
 * JSONPath is a simple field path starting with a dot ({@code .spec.replicas},
 * {@code .status.conditions[0].type}). Immutable.
 *
 * @param name the column header as kubectl prints it upper-cased ({@code Replicas})
 * @param type {@code integer}, {@code number}, {@code string}, {@code boolean} or {@code date}
 * @param format an OpenAPI format hint ({@code int32}, {@code name}, ...), empty when none
 * @param description a human-readable description, empty when none
 * @param priority 0 for the default view, 1 or more for {@code -o wide}
 * @param jsonPath where the value is, relative to the object ({@code .spec.replicas})
 */
public record PrinterColumn(String name, String type, String format, String description, int priority,
    String jsonPath) {

  /** The column types CRDs accept, and so the ones the table printer knows how to format. */
  public static final Set<String> TYPES = Set.of("integer", "number", "string", "boolean", "date");

  public PrinterColumn {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    requireNonNull(format, "format");
    requireNonNull(description, "description");
    requireNonNull(jsonPath, "jsonPath");
    if (name.isBlank()) {
      throw new IllegalArgumentException("printer column needs a name (jsonPath " + jsonPath + ")");
    }
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("printer column '" + name + "': type '" + type
          + "' is not one of integer, number, string, boolean, date");
    }
    if (priority < 0) {
      throw new IllegalArgumentException("printer column '" + name + "': priority must be 0 or more, got " + priority);
    }
    if (!jsonPath.startsWith(".")) {
      throw new IllegalArgumentException("printer column '" + name + "': jsonPath '" + jsonPath
          + "' must start with a dot, e.g. .spec.replicas");
    }
  }

  /** A priority-0 column without format or description. */
  public static PrinterColumn of(String name, String type, String jsonPath) {
    return new PrinterColumn(name, type, "", "", 0, jsonPath);
  }

  /** This column shown only with {@code -o wide} ({@code priority} 1). */
  public PrinterColumn wide() {
    return new PrinterColumn(name, type, format, description, 1, jsonPath);
  }
}
