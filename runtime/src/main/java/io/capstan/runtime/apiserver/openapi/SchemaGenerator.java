package io.capstan.runtime.apiserver.openapi;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.spi.api.KubeJson;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Generates OpenAPI v3 {@code components.schemas} from model classes through Jackson's bean
 * introspection, so the schemas describe exactly the JSON that {@code KubeJson} reads and writes:
 * one property per serialized field (fabric8's catch-all {@code additionalProperties} is not one),
 * strings, {@code int32}/{@code int64} integers, booleans, {@code double} numbers, arrays, maps as
 * {@code additionalProperties}, and every other class as a {@code $ref} to a schema of its own,
 * named by {@link SchemaNames}. Required fields come from {@code @JsonProperty(required = true)}
 * and {@link FieldHints}; descriptions from {@code @JsonPropertyDescription} (fabric8 has none).
 * Quantities, int-or-strings and times get Kubernetes' own schemas; classes that serialize
 * themselves and untyped values ({@code Object}, {@code JsonNode}) accept any JSON. One generator
 * collects the schemas of one document; not thread-safe.
 */
final class SchemaGenerator {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final ObjectMapper mapper = KubeJson.mapper();
  private final Map<String, ObjectNode> schemas = new TreeMap<>();

  /** The schemas collected so far, by name, in name order. */
  Map<String, ObjectNode> schemas() {
    return schemas;
  }

  /** Adds a schema that was built elsewhere (a plugin kind's, a list's). */
  void put(String name, ObjectNode schema) {
    schemas.put(name, schema);
  }

  /** Adds {@code type} and every class it references; returns its schema name. */
  String add(Class<?> type) {
    return addAs(type, SchemaNames.forClass(type));
  }

  /** Adds {@code type} under {@code name} (a plugin kind's own name) and every class it references. */
  String addAs(Class<?> type, String name) {
    if (schemas.containsKey(name)) {
      return name;
    }
    ObjectNode known = WellKnownSchemas.forName(name);
    if (known != null) {
      schemas.put(name, known);
      return name;
    }
    ObjectNode schema = JSON.objectNode();
    schemas.put(name, schema); // before the properties, so that a recursive reference finds it
    BeanDescription bean = mapper.getSerializationConfig().introspect(mapper.constructType(type));
    ObjectNode properties = JSON.objectNode();
    List<String> required = new ArrayList<>(FieldHints.required(name));
    for (BeanPropertyDefinition p : bean.findProperties()) {
      if (!p.couldSerialize()) {
        continue;
      }
      ObjectNode property = schemaOf(p.getPrimaryType());
      String description = p.getMetadata().getDescription();
      if (description != null && !description.isBlank()) {
        property = withSibling(property).put("description", description);
      }
      List<String> patch = FieldHints.patch(name, p.getName());
      if (patch != null) {
        property.put("x-kubernetes-patch-strategy", patch.get(0));
        if (!patch.get(1).isEmpty()) {
          property.put("x-kubernetes-patch-merge-key", patch.get(1));
        }
      }
      properties.set(p.getName(), property);
      if (p.getMetadata().isRequired() && !required.contains(p.getName())) {
        required.add(p.getName());
      }
    }
    if (!properties.isEmpty()) {
      schema.set("properties", properties);
    }
    required.removeIf(r -> !properties.has(r));
    if (!required.isEmpty()) {
      ArrayNode array = schema.putArray("required");
      required.forEach(array::add);
    }
    schema.put("type", "object");
    return name;
  }

  /** The inline schema of a value of {@code type}, a {@code $ref} for classes. */
  ObjectNode schemaOf(JavaType type) {
    Class<?> raw = type.getRawClass();
    if (type.isCollectionLikeType() || type.isArrayType() && raw != byte[].class) {
      ObjectNode array = JSON.objectNode().put("type", "array");
      array.set("items", schemaOf(type.getContentType()));
      return array;
    }
    if (type.isMapLikeType()) {
      ObjectNode map = JSON.objectNode().put("type", "object");
      map.set("additionalProperties", schemaOf(type.getContentType()));
      return map;
    }
    ObjectNode scalar = scalar(raw);
    if (scalar != null) {
      return scalar;
    }
    if (raw.isEnum()) {
      ObjectNode e = JSON.objectNode().put("type", "string");
      ArrayNode values = e.putArray("enum");
      for (Object constant : raw.getEnumConstants()) {
        values.add(mapper.convertValue(constant, String.class));
      }
      return e;
    }
    if (isOpaque(raw)) {
      return JSON.objectNode().put("x-kubernetes-preserve-unknown-fields", true);
    }
    return ref(add(raw));
  }

  private static ObjectNode scalar(Class<?> raw) {
    if (raw == String.class || raw == char.class || raw == Character.class) {
      return JSON.objectNode().put("type", "string");
    }
    if (raw == byte[].class) {
      return JSON.objectNode().put("type", "string").put("format", "byte");
    }
    if (raw == int.class || raw == Integer.class || raw == short.class || raw == Short.class
        || raw == byte.class || raw == Byte.class) {
      return JSON.objectNode().put("type", "integer").put("format", "int32");
    }
    if (raw == long.class || raw == Long.class || raw == java.math.BigInteger.class) {
      return JSON.objectNode().put("type", "integer").put("format", "int64");
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return JSON.objectNode().put("type", "boolean");
    }
    if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class
        || raw == java.math.BigDecimal.class) {
      return JSON.objectNode().put("type", "number").put("format", "double");
    }
    return null;
  }

  /** Values that may hold any JSON: untyped fields and classes with a serializer of their own. */
  private static boolean isOpaque(Class<?> raw) {
    if (raw == Object.class || JsonNode.class.isAssignableFrom(raw) || raw == KubernetesResource.class
        || raw.isInterface()) {
      return true;
    }
    JsonSerialize serialize = raw.getAnnotation(JsonSerialize.class);
    return serialize != null && serialize.using() != com.fasterxml.jackson.databind.JsonSerializer.None.class
        && WellKnownSchemas.forName(SchemaNames.forClass(raw)) == null;
  }

  /** {@code {"$ref": "#/components/schemas/<name>"}}. */
  static ObjectNode ref(String name) {
    return JSON.objectNode().put("$ref", SchemaNames.ref(name));
  }

  /**
   * A schema that can take sibling keywords: a bare {@code $ref} is wrapped in {@code allOf}, as
   * Kubernetes 1.32 does, because OpenAPI 3.0 ignores siblings of {@code $ref}.
   */
  static ObjectNode withSibling(ObjectNode schema) {
    if (schema.has("$ref")) {
      ObjectNode wrapped = JSON.objectNode();
      wrapped.putArray("allOf").add(schema);
      return wrapped;
    }
    return schema;
  }
}
