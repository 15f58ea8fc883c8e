package io.capstan.runtime.apiserver.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
}
