package io.capstan.runtime.apiserver.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the apiextensions server does to a custom object before validating it: drops the fields the
 * structural schema does not declare ("pruning", unless {@code x-kubernetes-preserve-unknown-fields})
 * and fills in the {@code default} of every absent property. Works in place on a JSON tree.
 */
public final class SchemaDefaults {

  /** Root fields every object keeps whatever its schema says. */
  private static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata");

  private SchemaDefaults() {}

  /**
   * Prunes and defaults {@code object} (a whole custom resource) against the schema of its kind.
   *
   * @return the paths of the fields pruned, for warnings and strict field validation
   */
  public static List<String> apply(JsonNode schema, ObjectNode object) {
    List<String> pruned = new ArrayList<>();
    if (!schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      JsonNode properties = schema.path("properties");
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        String name = it.next().getKey();
        if (!ROOT_FIELDS.contains(name) && !properties.has(name)) {
          pruned.add(name);
          it.remove();
        }
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> property = it.next();
      if (ROOT_FIELDS.contains(property.getKey())) {
        continue;
      }
      fillDefault(property.getValue(), object, property.getKey());
      JsonNode value = object.get(property.getKey());
      if (value != null) {
        walk(property.getValue(), value, property.getKey(), pruned);
      }
    }
    return pruned;
  }

  private static void walk(JsonNode schema, JsonNode value, String path, List<String> pruned) {
    if (value.isObject()) {
      walkObject(schema, (ObjectNode) value, path, pruned);
    } else if (value.isArray() && schema.has("items")) {
      ArrayNode array = (ArrayNode) value;
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i).isNull() && schema.get("items").has("default")) {
          array.set(i, schema.get("items").get("default").deepCopy());
        }
        walk(schema.get("items"), array.get(i), path + "[" + i + "]", pruned);
      }
    }
  }

  private static void walkObject(JsonNode schema, ObjectNode object, String path, List<String> pruned) {
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.get("additionalProperties");
    boolean keepUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
        || (additional != null && (additional.isObject() || additional.asBoolean(false)));
    boolean embedded = schema.path("x-kubernetes-embedded-resource").asBoolean(false);
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      if (properties.has(name)) {
        continue;
      }
      if (additional != null && additional.isObject()) {
        walk(additional, field.getValue(), SchemaValidator.child(path, name), pruned);
      } else if (!keepUnknown && !(embedded && ROOT_FIELDS.contains(name))) {
        pruned.add(SchemaValidator.child(path, name));
        it.remove();
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> property = it.next();
      fillDefault(property.getValue(), object, property.getKey());
      JsonNode value = object.get(property.getKey());
      if (value != null) {
        walk(property.getValue(), value, SchemaValidator.child(path, property.getKey()), pruned);
      }
    }
  }

  /** Kubernetes sets a default when the field is absent, or null and not nullable. */
  private static void fillDefault(JsonNode propertySchema, ObjectNode parent, String name) {
    JsonNode fallback = propertySchema.get("default");
    if (fallback == null) {
      return;
    }
    JsonNode current = parent.get(name);
    if (current == null || (current.isNull() && !propertySchema.path("nullable").asBoolean(false))) {
      parent.set(name, fallback.deepCopy());
    }
  }
}
