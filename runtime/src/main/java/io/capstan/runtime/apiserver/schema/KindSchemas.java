package io.capstan.runtime.apiserver.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.runtime.apiserver.validation.FieldError;
import io.capstan.runtime.apiserver.validation.SchemaCheck;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.api.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a kind's own OpenAPI schema ({@link ResourceKind#schema()}: a CRD version's
 * {@code openAPIV3Schema} or a plugin kind's) to its objects: {@link #prepare} prunes and defaults a
 * schema-less object class in place, {@link #CHECK} validates. Kinds without a schema pass through.
 */
public final class KindSchemas {

  /** Validation of every root field but {@code metadata}, {@code apiVersion} and {@code kind}. */
  public static final SchemaCheck CHECK = KindSchemas::check;

  private KindSchemas() {}

  private static List<FieldError> check(ResourceKind kind, HasMetadata object) {
    if (kind.schema().isEmpty()) {
      return List.of();
    }
    JsonNode schema = kind.schema().get();
    ObjectNode tree = KubeJson.mapper().valueToTree(object);
    List<FieldError> errors = new ArrayList<>();
    JsonNode required = schema.get("required");
    if (required != null) {
      for (JsonNode name : required) {
        if (!name.asText().equals("metadata") && !tree.has(name.asText())) {
          errors.add(new FieldError(io.capstan.runtime.apiserver.validation.ErrorType.REQUIRED, name.asText(), null, ""));
        }
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode propertySchema = schema.path("properties").get(field.getKey());
      if (propertySchema != null && !List.of("metadata", "apiVersion", "kind").contains(field.getKey())) {
        errors.addAll(SchemaValidator.validate(propertySchema, field.getValue(), field.getKey()));
      }
    }
    return errors;
  }

  /**
   * Prunes unknown fields and fills defaults of a {@link GenericKubernetesResource} of a kind with
   * a schema, in place. Objects of a Java class are shaped by their class and left alone.
   *
   * @return the pruned field paths (empty when nothing was dropped)
   */
  public static List<String> prepare(ResourceKind kind, HasMetadata object) {
    if (kind.schema().isEmpty() || !(object instanceof GenericKubernetesResource generic)) {
      return List.of();
    }
    ObjectNode tree = KubeJson.mapper().valueToTree(object);
    List<String> pruned = SchemaDefaults.apply(kind.schema().get(), tree);
    Map<String, Object> rest = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!List.of("metadata", "apiVersion", "kind").contains(field.getKey())) {
        rest.put(field.getKey(), KubeJson.mapper().convertValue(field.getValue(), Object.class));
      }
    }
    generic.setAdditionalProperties(rest);
    return pruned;
  }
}
