package io.capstan.runtime.apiserver.table;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * A {@code meta.k8s.io/v1 Table}: what the API server answers a list or get whose {@code Accept}
 * asks for {@code as=Table} (kubectl.md §2.1). Write {@link #toJson()} with {@code KubeJson.mapper()}
 * and {@code Content-Type: application/json;as=Table;v=v1;g=meta.k8s.io} (see {@link TableForm}).
 * In a watch, each event's {@code object} is a table of one row. Immutable.
 *
 * @param apiVersion {@code meta.k8s.io/v1} or {@code meta.k8s.io/v1beta1}
 * @param resourceVersion the list's (or the object's) resource version, empty when unknown
 * @param continueToken the list's {@code continue} token, empty when none
 * @param remainingItemCount the list's remaining item count, when known
 * @param columnDefinitions the columns; empty when headers were not asked for
 * @param rows one row per object
 */
public record Table(String apiVersion, String resourceVersion, String continueToken,
    Optional<Long> remainingItemCount, List<TableColumnDefinition> columnDefinitions, List<TableRow> rows) {

  public Table {
    requireNonNull(apiVersion, "apiVersion");
    requireNonNull(resourceVersion, "resourceVersion");
    requireNonNull(continueToken, "continueToken");
    requireNonNull(remainingItemCount, "remainingItemCount");
    columnDefinitions = List.copyOf(requireNonNull(columnDefinitions, "columnDefinitions"));
    rows = List.copyOf(requireNonNull(rows, "rows"));
  }

  /** The table in Kubernetes' JSON shape; empty metadata fields are left out, as Go's {@code omitempty}. */
  public ObjectNode toJson() {
    ObjectNode table = JsonNodeFactory.instance.objectNode().put("kind", "Table").put("apiVersion", apiVersion);
    ObjectNode metadata = table.putObject("metadata");
    if (!resourceVersion.isEmpty()) {
      metadata.put("resourceVersion", resourceVersion);
    }
    if (!continueToken.isEmpty()) {
      metadata.put("continue", continueToken);
    }
    remainingItemCount.ifPresent(n -> metadata.put("remainingItemCount", n));
    ArrayNode columns = table.putArray("columnDefinitions");
    columnDefinitions.forEach(c -> columns.add(c.toJson()));
    ArrayNode array = table.putArray("rows");
    rows.forEach(r -> array.add(r.toJson()));
    return table;
  }
}
