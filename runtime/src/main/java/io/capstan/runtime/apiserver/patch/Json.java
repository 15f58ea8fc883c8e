package io.capstan.runtime.apiserver.patch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.spi.api.KubeJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Small Jackson helpers shared by the patch algorithms. Stateless. */
final class Json {

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * Scalar comparison for {@link JsonNode#equals(Comparator, JsonNode)}: numbers compare by value,
   * so {@code 80} read as an int and {@code 80} read as a long (or written by YAML) are one merge
   * key, as they are one value in JSON.
   */
  private static final Comparator<JsonNode> SCALARS = (a, b) -> {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    return a.equals(b) ? 0 : 1;
  };

  private Json() {}

  /** Deep equality where numbers compare by value; false when either side is null. */
  static boolean same(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return false;
    }
    return a.equals(SCALARS, b);
  }

  /** Compact JSON of a node, for error messages. */
  static String text(JsonNode node) {
    try {
      return KubeJson.mapper().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      return String.valueOf(node);
    }
  }

  /** The elements of an array as a mutable list. */
  static List<JsonNode> elements(JsonNode array) {
    List<JsonNode> out = new ArrayList<>(array.size());
    array.forEach(out::add);
    return out;
  }

  /** An array node holding {@code items}. */
  static ArrayNode array(List<JsonNode> items) {
    ArrayNode out = NODES.arrayNode(items.size());
    items.forEach(out::add);
    return out;
  }

  /** The field names of an object, copied so that callers may change the object while looping. */
  static List<String> names(ObjectNode object) {
    List<String> out = new ArrayList<>(object.size());
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** Removes null members of objects, recursively, inside objects and arrays. */
  static JsonNode pruneNulls(JsonNode node) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isNull()) {
          it.remove();
        } else {
          pruneNulls(e.getValue());
        }
      }
    } else if (node.isArray()) {
      node.forEach(Json::pruneNulls);
    }
    return node;
  }

  /**
   * The Go type name Kubernetes' decoder would name for a JSON value, so that messages read like
   * the API server's ({@code json: cannot unmarshal object into Go value of type ...}).
   */
  static String goKind(JsonNode node) {
    if (node.isObject()) {
      return "object";
    }
    if (node.isArray()) {
      return "array";
    }
    if (node.isTextual()) {
      return "string";
    }
    if (node.isNumber()) {
      return "number";
    }
    if (node.isBoolean()) {
      return "bool";
    }
    return "null";
  }
}
