package io.capstan.runtime.apiserver.table;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One row of a table ({@code TableRow}): one cell per column definition, pre-formatted, and the
 * object the row stands for (kubectl reads {@code --show-labels} and the {@code -A} namespace
 * column from its metadata). A cell is a {@link String}, {@link Long}, {@link Double},
 * {@link Boolean} or null, as in Kubernetes. Immutable.
 *
 * @param cells the cells, in column order
 * @param conditions row conditions, usually none
 * @param object the row's object ({@code PartialObjectMetadata} by default), empty when not included
 */
public record TableRow(List<Object> cells, List<TableRowCondition> conditions, Optional<JsonNode> object) {

  public TableRow {
    cells = Collections.unmodifiableList(new ArrayList<>(requireNonNull(cells, "cells")));
    for (Object cell : cells) {
      if (cell != null && !(cell instanceof String || cell instanceof Long || cell instanceof Double
          || cell instanceof Boolean)) {
        throw new IllegalArgumentException("a table cell is a String, Long, Double, Boolean or null, got "
            + cell.getClass().getName() + ": " + cell);
      }
    }
    conditions = List.copyOf(requireNonNull(conditions, "conditions"));
    object = requireNonNull(object, "object").map(JsonNode::deepCopy);
  }

  /** The row as Kubernetes writes it: {@code cells}, then {@code conditions} and {@code object} when present. */
  public ObjectNode toJson() {
    ObjectNode row = JsonNodeFactory.instance.objectNode();
    ArrayNode array = row.putArray("cells");
    for (Object cell : cells) {
      if (cell == null) {
        array.addNull();
      } else if (cell instanceof Long l) {
        array.add(l);
      } else if (cell instanceof Double d) {
        array.add(d);
      } else if (cell instanceof Boolean b) {
        array.add(b);
      } else {
        array.add((String) cell);
      }
    }
    if (!conditions.isEmpty()) {
      ArrayNode c = row.putArray("conditions");
      conditions.forEach(condition -> c.add(condition.toJson()));
    }
    object.ifPresent(o -> row.set("object", o.deepCopy()));
    return row;
  }
}
