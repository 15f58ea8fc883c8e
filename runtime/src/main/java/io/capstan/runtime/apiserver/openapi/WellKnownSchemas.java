package io.capstan.runtime.apiserver.openapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The schemas of apimachinery's types that serialize as scalars, as Kubernetes 1.32 publishes
 * them in OpenAPI v3: a {@code Quantity} is a string or a number, an {@code IntOrString} an integer
 * or a string, {@code Time} and {@code MicroTime} RFC 3339 strings, a {@code Duration} a string,
 * {@code FieldsV1} and {@code RawExtension} any object, {@code Patch} an object (the body of every
 * PATCH). fabric8 models them as classes, which Jackson would describe wrongly. Stateless.
 */
final class WellKnownSchemas {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private WellKnownSchemas() {}

  /** The fixed schema of {@code name}, or null when the name is not one of these types. */
  static ObjectNode forName(String name) {
    return switch (name) {
      case "io.k8s.apimachinery.pkg.api.resource.Quantity" -> oneOf(
          "Quantity is a fixed-point representation of a number, such as 500m or 1.5Gi.", null, "string", "number");
      case "io.k8s.apimachinery.pkg.util.intstr.IntOrString" -> oneOf(
          "IntOrString is a type that can hold an int32 or a string.", "int-or-string", "integer", "string");
      case SchemaNames.META + "Time" -> JSON.objectNode()
          .put("description", "Time is an RFC 3339 date and time, in UTC, to the second.")
          .put("format", "date-time").put("type", "string");
      case SchemaNames.META + "MicroTime" -> JSON.objectNode()
          .put("description", "MicroTime is an RFC 3339 date and time with microseconds.")
          .put("format", "date-time").put("type", "string");
      case SchemaNames.META + "Duration" -> JSON.objectNode().put("type", "string");
      case SchemaNames.META + "FieldsV1" -> JSON.objectNode()
          .put("description", "FieldsV1 stores a set of fields in a data structure like a Trie, in JSON format.")
          .put("type", "object");
      case SchemaNames.META + "Patch" -> JSON.objectNode()
          .put("description", "Patch is provided to give a concrete name and type to the Kubernetes PATCH request "
              + "body.")
          .put("type", "object");
      case "io.k8s.apimachinery.pkg.runtime.RawExtension" -> JSON.objectNode()
          .put("description", "RawExtension is used to hold extensions in external versions.").put("type", "object");
      default -> null;
    };
  }

  private static ObjectNode oneOf(String description, String format, String first, String second) {
    ObjectNode schema = JSON.objectNode().put("description", description);
    if (format != null) {
      schema.put("format", format);
    }
    schema.putArray("oneOf").add(JSON.objectNode().put("type", first)).add(JSON.objectNode().put("type", second));
    return schema;
  }
}
