package io.capstan.runtime.apiserver.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Column definitions as Kubernetes' printers declare them (pkg/printers/internalversion/printers.go
 * {@code AddHandlers}). Descriptions that Kubernetes takes from the API's field documentation
 * ({@code SwaggerDoc()}) are those documents' first sentence. Stateless.
 */
final class Columns {

  static final String NAME_DOC = "Name must be unique within a namespace. Is required when creating resources, "
      + "although some resources may allow a client to request the generation of an appropriate name "
      + "automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be "
      + "updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
  static final String CREATION_DOC = "CreationTimestamp is a timestamp representing the server time when this "
      + "object was created. It is not guaranteed to be set in happens-before order across separate operations. "
      + "Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the "
      + "system. Read-only. Null for lists. More info: "
      + "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
  static final String CONTAINERS_DOC = "Names of each container in the template.";
  static final String IMAGES_DOC = "Images referenced by each container in the template.";

  /** {@code Name}, format {@code name}: every printer's first column but events'. */
  static final TableColumnDefinition NAME = new TableColumnDefinition("Name", "string", "name", NAME_DOC, 0);
  /** {@code Age}, from the creation timestamp. */
  static final TableColumnDefinition AGE = new TableColumnDefinition("Age", "string", "", CREATION_DOC, 0);

  private Columns() {}

  /** A priority-0 column. */
  static TableColumnDefinition col(String name, String type, String description) {
    return new TableColumnDefinition(name, type, "", description, 0);
  }

  /** A priority-1 ({@code -o wide}) column. */
  static TableColumnDefinition wide(String name, String type, String description) {
    return new TableColumnDefinition(name, type, "", description, 1);
  }

  /** {@code Containers}, {@code Images} (and {@code Selector} when given) as wide columns. */
  static List<TableColumnDefinition> containersImages(String selectorDoc) {
    List<TableColumnDefinition> out = new ArrayList<>(List.of(wide("Containers", "string", CONTAINERS_DOC),
        wide("Images", "string", IMAGES_DOC)));
    if (selectorDoc != null) {
      out.add(wide("Selector", "string", selectorDoc));
    }
    return out;
  }

  /** The concatenation of column lists. */
  @SafeVarargs
  static List<TableColumnDefinition> of(List<TableColumnDefinition>... parts) {
    List<TableColumnDefinition> out = new ArrayList<>();
    Arrays.stream(parts).forEach(out::addAll);
    return List.copyOf(out);
  }

  /** A mutable list of cells (cells may be null, which {@code List.of} refuses). */
  static List<Object> cells(Object... values) {
    return new ArrayList<>(Arrays.asList(values));
  }
}
