package io.capstan.runtime.apiserver.http;

import io.capstan.runtime.apiserver.schema.SchemaDefaults;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.runtime.apiserver.errors.ApiErrors;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.api.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A request body tree to the kind's object: checks that apiVersion and kind match the URL, and
 * under {@code fieldValidation=Strict} refuses fields the kind does not have, with Kubernetes'
 * message ({@code strict decoding error: unknown field "spec.replicaz"}).
 */
final class ObjectDecoding {

  /** Serializes without the catch-all of unknown fields, so a round trip shows which were unknown. */
  private static final ObjectMapper KNOWN_ONLY = KubeJson.configure(new ObjectMapper()).setAnnotationIntrospector(
      new JacksonAnnotationIntrospector() {
        private static final long serialVersionUID = 1L;

        @Override
        public Boolean hasAnyGetter(Annotated a) {
          return Boolean.FALSE;
        }
      });

  private ObjectDecoding() {}

  static HasMetadata decode(ResourceKind kind, JsonNode tree, String fieldValidation) {
    if (!tree.isObject()) {
      throw ApiErrors.badRequest("the body of the request must be a JSON object");
    }
    ObjectNode object = (ObjectNode) tree;
    String apiVersion = object.path("apiVersion").asText("");
    String kindName = object.path("kind").asText("");
    if (!apiVersion.isEmpty() && !apiVersion.equals(kind.apiVersion())) {
      throw ApiErrors.badRequest("the API version in the data (" + apiVersion + ") does not match the expected API version ("
          + kind.apiVersion() + ")");
    }
    if (!kindName.isEmpty() && !kindName.equals(kind.kind())) {
      throw ApiErrors.badRequest(kind.kind() + " in version \"" + kind.version() + "\" cannot be handled as a " + kind.kind()
          + ": the object provided is unrecognized (kind " + kindName + ")");
    }
    object.put("apiVersion", kind.apiVersion());
    object.put("kind", kind.kind());
    HasMetadata decoded;
    try {
      decoded = KubeJson.mapper().treeToValue(object, kind.javaType());
    } catch (Exception e) {
      throw ApiErrors.badRequest(kind.kind() + " in version \"" + kind.version() + "\" cannot be handled as a " + kind.kind()
          + ": " + firstLine(e.getMessage()));
    }
    if ("Strict".equals(fieldValidation) && (kind.javaType() != GenericKubernetesResource.class || kind.schema().isPresent())) {
      List<String> unknown = new ArrayList<>();
      if (kind.javaType() == GenericKubernetesResource.class) {
        // a custom kind: what its structural schema would prune is unknown
        unknown.addAll(SchemaDefaults.apply(kind.schema().get(), object.deepCopy()));
      } else {
        unknownFields("", object, KNOWN_ONLY.valueToTree(decoded), unknown);
      }
      if (!unknown.isEmpty()) {
        StringBuilder message = new StringBuilder(kind.kind() + " in version \"" + kind.version() + "\" cannot be handled as a "
            + kind.kind() + ": strict decoding error: ");
        for (int i = 0; i < unknown.size(); i++) {
          message.append(i == 0 ? "" : ", ").append("unknown field \"").append(unknown.get(i)).append('"');
        }
        throw ApiErrors.badRequest(message.toString());
      }
    }
    if (decoded.getMetadata() == null) {
      decoded.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
    }
    return decoded;
  }

  /** Fields in {@code given} that did not survive into {@code known}, as dotted paths. */
  private static void unknownFields(String path, JsonNode given, JsonNode known, List<String> out) {
    if (given.isObject()) {
      if (!known.isObject()) {
        return; // a map-valued field (labels, data): any key is fine
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        JsonNode counterpart = known.get(field.getKey());
        if (counterpart == null) {
          // Nulls and empty containers vanish in the round trip even for known fields (fabric8
          // writes NON_EMPTY for many), so only fields with content can be judged unknown.
          JsonNode value = field.getValue();
          if (!value.isNull() && !(value.isContainerNode() && value.isEmpty())) {
            out.add(child);
          }
        } else {
          unknownFields(child, field.getValue(), counterpart, out);
        }
      }
    } else if (given.isArray() && known.isArray()) {
      for (int i = 0; i < given.size() && i < known.size(); i++) {
        unknownFields(path + "[" + i + "]", given.get(i), known.get(i), out);
      }
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
