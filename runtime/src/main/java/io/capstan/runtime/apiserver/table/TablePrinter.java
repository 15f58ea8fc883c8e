package io.capstan.runtime.apiserver.table;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.api.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns objects into {@code meta.k8s.io/v1} {@link Table}s, the server side of {@code kubectl get}
 * (kubectl.md §2.1). Which printer a kind gets, in order: one registered for its
 * {@code group/version/Kind} (Kubernetes' own for every built-in kind that has one, see
 * {@link BuiltInPrinters}); for a kind with {@link ResourceKind#printerColumns()}, those columns;
 * for another built-in kind, NAME and CREATED AT, as Kubernetes' default convertor prints it; for
 * another plugin kind, NAME AGE, as for a custom resource without printer columns.
 *
 * <p>Every column is printed; kubectl hides the {@code -o wide} ones itself. Rows carry a
 * {@code PartialObjectMetadata} unless {@link TableOptions#includeObject()} says otherwise. The
 * current time is a parameter (ages such as {@code 5m}), so the output is a pure function of its
 * inputs. Immutable and thread-safe.
 */
public final class TablePrinter {

  private static final Map<String, KindPrinter> BUILT_IN = BuiltInPrinters.all();

  private final Map<String, KindPrinter> printers;

  private TablePrinter(Map<String, KindPrinter> printers) {
    this.printers = Map.copyOf(printers);
  }

  /** A printer with Kubernetes' printers for the built-in kinds. */
  public static TablePrinter builtIn() {
    return new TablePrinter(BUILT_IN);
  }

  /** A copy that prints {@code group/version kind} with {@code printer}, replacing any other. */
  public TablePrinter withPrinter(String group, String version, String kind, KindPrinter printer) {
    Map<String, KindPrinter> copy = new HashMap<>(printers);
    copy.put(key(requireNonNull(group, "group"), requireNonNull(version, "version"), requireNonNull(kind, "kind")),
        requireNonNull(printer, "printer"));
    return new TablePrinter(copy);
  }

  /** The printer for {@code kind} (see the class comment for the order). */
  public KindPrinter printerFor(ResourceKind kind) {
    KindPrinter registered = printers.get(key(kind.group(), kind.version(), kind.kind()));
    if (registered != null) {
      return registered;
    }
    if (!kind.printerColumns().isEmpty()) {
      return DefaultPrinters.columns(kind.printerColumns());
    }
    boolean builtInModel = kind.javaType().getPackageName().startsWith("io.fabric8.kubernetes.api.model")
        && kind.javaType() != GenericKubernetesResource.class;
    return builtInModel ? DefaultPrinters.createdAt() : DefaultPrinters.columns(List.of());
  }

  /**
   * The table of a list.
   *
   * @param listMeta the list's metadata (resource version, continue token), null when none
   * @param now the current time
   */
  public Table list(ResourceKind kind, List<? extends HasMetadata> items, ListMeta listMeta, Instant now,
      TableOptions options) {
    requireNonNull(kind, "kind");
    requireNonNull(items, "items");
    requireNonNull(now, "now");
    requireNonNull(options, "options");
    KindPrinter printer = printerFor(kind);
    List<TableRow> rows = new ArrayList<>(items.size());
    for (HasMetadata item : items) {
      rows.add(row(kind, printer, item, now, options));
    }
    ListMeta meta = listMeta == null ? new ListMeta() : listMeta;
    return new Table(options.apiVersion(), str(meta.getResourceVersion()), str(meta.getContinue()),
        Optional.ofNullable(meta.getRemainingItemCount()), options.noHeaders() ? List.of() : printer.columns(), rows);
  }

  /** The table of one object (a get, or one watch event); its resource version is the object's. */
  public Table object(ResourceKind kind, HasMetadata object, Instant now, TableOptions options) {
    requireNonNull(kind, "kind");
    requireNonNull(object, "object");
    KindPrinter printer = printerFor(kind);
    TableRow row = row(kind, printer, object, requireNonNull(now, "now"), requireNonNull(options, "options"));
    return new Table(options.apiVersion(), str(object.getMetadata().getResourceVersion()), "", Optional.empty(),
        options.noHeaders() ? List.of() : printer.columns(), List.of(row));
  }

  private static TableRow row(ResourceKind kind, KindPrinter printer, HasMetadata object, Instant now,
      TableOptions options) {
    requireNonNull(object.getMetadata(), () -> "a " + kind.kind() + " without metadata cannot be printed");
    return new TableRow(printer.cells(object, now), printer.conditions(object), rowObject(kind, object, options));
  }

  /** What the row carries: the {@code PartialObjectMetadata} Kubernetes sends by default, the object, or nothing. */
  private static Optional<JsonNode> rowObject(ResourceKind kind, HasMetadata object, TableOptions options) {
    return switch (options.includeObject()) {
      case NONE -> Optional.empty();
      case METADATA -> {
        ObjectNode partial = KubeJson.mapper().createObjectNode().put("kind", "PartialObjectMetadata")
            .put("apiVersion", options.apiVersion());
        partial.set("metadata", KubeJson.mapper().valueToTree(object.getMetadata()));
        yield Optional.of(partial);
      }
      case OBJECT -> {
        ObjectNode full = KubeJson.mapper().valueToTree(object);
        full.put("kind", kind.kind()).put("apiVersion", kind.apiVersion());
        yield Optional.of(full);
      }
    };
  }

  private static String key(String group, String version, String kind) {
    return group + "/" + version + "/" + kind;
  }

  private static String str(String s) {
    return s == null ? "" : s;
  }
}
