package io.capstan.runtime.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Navigation in a generated OpenAPI document, following {@code $ref} and single-element {@code allOf}. */
final class Schemas {

  private Schemas() {}

  /** The component schema tagged with this GVK, as kubectl explain finds it, or null. */
  static JsonNode byGvk(JsonNode doc, String group, String version, String kind) {
    for (JsonNode schema : doc.at("/components/schemas")) {
      for (JsonNode gvk : schema.path("x-kubernetes-group-version-kind")) {
        if (gvk.path("group").asText().equals(group) && gvk.path("version").asText().equals(version)
            && gvk.path("kind").asText().equals(kind) && gvk.size() == 3) {
          return schema;
        }
      }
    }
    return null;
  }

  /** The schema {@code schema} stands for, through {@code $ref} and single {@code allOf}. */
  static JsonNode resolve(JsonNode doc, JsonNode schema) {
    JsonNode current = schema;
    for (int i = 0; i < 10; i++) {
      if (current.has("$ref")) {
        String name = current.get("$ref").asText().substring("#/components/schemas/".length());
        current = doc.at("/components/schemas").get(name);
      } else if (current.has("allOf") && current.get("allOf").size() == 1) {
        current = current.get("allOf").get(0);
      } else {
        return current;
      }
    }
    throw new AssertionError("reference loop at " + schema);
  }

  /** Follows {@code fields} through properties, resolving each step. */
  static JsonNode walk(JsonNode doc, JsonNode schema, String... fields) {
    JsonNode current = resolve(doc, schema);
    for (String field : fields) {
      current = resolve(doc, current.at("/properties/" + field));
    }
    return current;
  }

  /** Every {@code $ref} in the document that names no component schema. */
  static List<String> danglingRefs(JsonNode doc) {
    List<String> dangling = new ArrayList<>();
    collect(doc, doc, dangling);
    return dangling;
  }

  private static void collect(JsonNode doc, JsonNode node, List<String> dangling) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isTextual()
          && !doc.at("/components/schemas").has(ref.asText().substring("#/components/schemas/".length()))) {
        dangling.add(ref.asText());
      }
      for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
        collect(doc, it.next(), dangling);
      }
    } else if (node.isArray()) {
      node.forEach(child -> collect(doc, child, dangling));
    }
  }
}
