package io.capstan.runtime.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.spi.api.KubeJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' {@code apiequality.Semantic.DeepEqual} over fabric8 objects, compared through their
 * JSON trees: a missing field, {@code null}, an empty list and an empty map are all equal (Go's
 * semantic equality treats nil and empty slices and maps alike, and fabric8 starts every list and
 * map empty where Go has nil). Stateless.
 */
final class Semantic {

  private Semantic() {}

  /** True when both values have the same JSON shape once emptiness is normalised. */
  static boolean equal(Object a, Object b) {
    return normalized(a).equals(normalized(b));
  }

  /** The JSON tree of {@code value} without nulls, empty lists and empty objects. */
  static JsonNode normalized(Object value) {
    if (value == null) {
      return NullNode.getInstance();
    }
    JsonNode tree = value instanceof JsonNode node ? node.deepCopy() : KubeJson.mapper().valueToTree(value);
    JsonNode cleaned = clean(tree);
    return cleaned == null ? NullNode.getInstance() : cleaned;
  }

  /** The names of the top-level fields whose values differ, in the order of {@code a} then {@code b}. */
  static List<String> differingFields(Object a, Object b) {
    JsonNode left = normalized(a);
    JsonNode right = normalized(b);
    List<String> names = new ArrayList<>();
    left.fieldNames().forEachRemaining(names::add);
    right.fieldNames().forEachRemaining(n -> {
      if (!names.contains(n)) {
        names.add(n);
      }
    });
    names.removeIf(n -> left.path(n).equals(right.path(n)));
    return names;
  }

  private static JsonNode clean(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode child = clean(e.getValue());
        if (child != null) {
          out.set(e.getKey(), child);
        }
      }
      return out.isEmpty() ? null : out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (JsonNode item : node) {
        JsonNode child = clean(item);
        out.add(child == null ? JsonNodeFactory.instance.objectNode() : child);
      }
      return out.isEmpty() ? null : out;
    }
    return node;
  }
}
