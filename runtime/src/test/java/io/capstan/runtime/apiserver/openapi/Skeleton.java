package io.capstan.runtime.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The comparable outline of an operation: id, description, tags, parameter names, response codes. */
final class Skeleton {

  private Skeleton() {}

  static ObjectNode of(JsonNode operation) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("operationId", operation.path("operationId").asText());
    out.put("description", operation.path("description").asText());
    out.set("tags", operation.path("tags").deepCopy());
    ArrayNode params = out.putArray("parameters");
    names(operation.path("parameters")).forEach(params::add);
    ArrayNode responses = out.putArray("responses");
    operation.path("responses").fieldNames().forEachRemaining(responses::add);
    return out;
  }

  static List<String> names(JsonNode parameters) {
    List<String> names = new ArrayList<>();
    parameters.forEach(p -> names.add(p.path("name").asText()));
    names.sort(null);
    return names;
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
