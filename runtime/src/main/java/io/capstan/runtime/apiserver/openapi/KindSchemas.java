package io.capstan.runtime.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.spi.api.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.lang.reflect.Modifier;

/**
 * The schemas of a kind and of its list, tagged with {@code x-kubernetes-group-version-kind},
 * which is how {@code kubectl explain} finds them. Where the schema comes from:
 * <ul>
 *   <li>the kind's own {@link ResourceKind#schema()} (a plugin kind, like a CRD's
 *       {@code openAPIV3Schema}), completed with {@code apiVersion}, {@code kind} and a
 *       {@code metadata} reference to {@code ObjectMeta}, as Kubernetes publishes custom resources;
 *   <li>the fabric8 class of a built-in kind, generated;
 *   <li>a plugin's own model class, generated under the plugin kind's name;
 *   <li>nothing known ({@code GenericKubernetesResource}): an object that keeps any field.
 * </ul>
 * Stateless.
 */
final class KindSchemas {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  static final String API_VERSION_DOC = "APIVersion defines the versioned schema of this representation of an "
      + "object. Servers should convert recognized schemas to the latest internal value, and may reject "
      + "unrecognized values. More info: "
      + "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources";
  static final String KIND_DOC = "Kind is a string value representing the REST resource this object represents. "
      + "Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. "
      + "More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds";
  static final String METADATA_DOC = "Standard object's metadata. More info: "
      + "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

  private KindSchemas() {}

  /** Adds the kind's object and list schemas to {@code generator}; returns the object schema's name. */
  static String add(SchemaGenerator generator, ResourceKind kind) {
    String name = SchemaNames.forKind(kind);
    if (kind.schema().isPresent()) {
      generator.put(name, customResource(kind.schema().get(), generator));
    } else if (SchemaNames.isNative(kind)) {
      generator.add(kind.javaType());
    } else if (isGeneric(kind.javaType())) {
      ObjectNode open = envelope(JSON.objectNode(), generator);
      open.put("x-kubernetes-preserve-unknown-fields", true);
      generator.put(name, open);
    } else {
      generator.addAs(kind.javaType(), name);
    }
    ObjectNode schema = generator.schemas().get(name);
    documentEnvelope(schema);
    tag(schema, new Gvk(kind.group(), kind.version(), kind.kind()));
    generator.put(SchemaNames.forList(kind), list(kind, name, generator));
    return name;
  }

  private static boolean isGeneric(Class<?> type) {
    return type == GenericKubernetesResource.class || type.isInterface() || Modifier.isAbstract(type.getModifiers());
  }

  /** A CRD-style schema completed with the fields every object has. */
  private static ObjectNode customResource(JsonNode given, SchemaGenerator generator) {
    ObjectNode schema = (ObjectNode) given.deepCopy();
    return envelope(schema, generator);
  }

  /** Sets {@code apiVersion}, {@code kind} and {@code metadata} and the object type. */
  private static ObjectNode envelope(ObjectNode schema, SchemaGenerator generator) {
    ObjectNode properties = schema.withObject("/properties");
    properties.set("apiVersion", JSON.objectNode().put("type", "string"));
    properties.set("kind", JSON.objectNode().put("type", "string"));
    properties.set("metadata", SchemaGenerator.ref(generator.add(ObjectMeta.class)));
    if (!schema.has("type")) {
      schema.put("type", "object");
    }
    return schema;
  }

  /** Kubernetes' descriptions of {@code apiVersion}, {@code kind} and {@code metadata}, for explain. */
  private static void documentEnvelope(ObjectNode schema) {
    JsonNode properties = schema.get("properties");
    if (properties instanceof ObjectNode props) {
      describe(props, "apiVersion", API_VERSION_DOC);
      describe(props, "kind", KIND_DOC);
      describe(props, "metadata", METADATA_DOC);
    }
  }

  private static void describe(ObjectNode properties, String field, String description) {
    if (properties.get(field) instanceof ObjectNode property && !property.has("description")) {
      properties.set(field, SchemaGenerator.withSibling(property).put("description", description));
    }
  }

  /** Adds {@code gvk} to the schema's {@code x-kubernetes-group-version-kind} list. */
  static void tag(ObjectNode schema, Gvk gvk) {
    ArrayNode gvks = schema.withArray("/x-kubernetes-group-version-kind");
    ObjectNode entry = gvk.toJson();
    for (JsonNode existing : gvks) {
      if (existing.equals(entry)) {
        return;
      }
    }
    gvks.add(entry);
  }

  private static ObjectNode list(ResourceKind kind, String itemSchema, SchemaGenerator generator) {
    ObjectNode list = JSON.objectNode().put("description", kind.listKind() + " is a list of " + kind.kind() + ".");
    ObjectNode properties = list.putObject("properties");
    properties.putObject("apiVersion").put("description", API_VERSION_DOC).put("type", "string");
    ObjectNode items = properties.putObject("items").put("description", "List of " + kind.plural() + ".");
    items.set("items", SchemaGenerator.ref(itemSchema));
    items.put("type", "array");
    properties.putObject("kind").put("description", KIND_DOC).put("type", "string");
    ObjectNode metadata = SchemaGenerator.withSibling(SchemaGenerator.ref(generator.add(ListMeta.class)));
    properties.set("metadata", metadata.put("description", "Standard list metadata."));
    list.putArray("required").add("items");
    list.put("type", "object");
    tag(list, new Gvk(kind.group(), kind.version(), kind.listKind()));
    return list;
  }
}
