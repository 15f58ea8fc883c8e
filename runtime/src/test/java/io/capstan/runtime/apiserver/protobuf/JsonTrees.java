package io.capstan.runtime.apiserver.protobuf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.spi.api.KubeJson;
import java.util.ArrayList;
import java.util.List;

/** JSON helpers for comparing objects the way Go reads them. */
final class JsonTrees {

  private JsonTrees() {}

  /**
   * A copy of {@code json} without {@code null} properties: Go's decoder reads a {@code null}
   * property and an absent one alike, so a round trip may turn one into the other.
   */
  static JsonNode withoutNulls(JsonNode json) {
    JsonNode copy = json.deepCopy();
    strip(copy);
    return copy;
  }

  private static void strip(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> nulls = new ArrayList<>();
      object.properties().forEach(p -> {
        if (p.getValue().isNull()) {
          nulls.add(p.getKey());
        } else {
          strip(p.getValue());
        }
      });
      object.remove(nulls);
    } else if (node instanceof ArrayNode array) {
      array.forEach(JsonTrees::strip);
    }
  }

  /**
   * True when every property and array element of {@code part} is in {@code whole} at the same
   * place with the same value: {@code part} is {@code whole} with some properties dropped.
   */
  static boolean isContainedIn(JsonNode part, JsonNode whole) {
    if (part.isObject() && whole.isObject()) {
      for (var p : part.properties()) {
        if (!whole.has(p.getKey()) || !isContainedIn(p.getValue(), whole.get(p.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (part.isArray() && whole.isArray()) {
      if (part.size() != whole.size()) {
        return false;
      }
      for (int i = 0; i < part.size(); i++) {
        if (!isContainedIn(part.get(i), whole.get(i))) {
          return false;
        }
      }
      return true;
    }
    return part.equals(whole);
  }

  /** Pretty JSON with object keys sorted, so that two trees that differ show a readable diff. */
  static String canonical(JsonNode json) {
    try {
      Object plain = KubeJson.mapper().treeToValue(json, Object.class);
      return KubeJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(plain);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
