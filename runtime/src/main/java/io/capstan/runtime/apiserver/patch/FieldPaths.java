package io.capstan.runtime.apiserver.patch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.runtime.apiserver.patch.PatchSchema.ListMapKey;
import io.capstan.spi.api.KubeJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Paths into an object in the element syntax of {@code FieldsV1}
 * ({@code sigs.k8s.io/structured-merge-diff/fieldpath}): a path is a list of tokens, each
 * {@code f:<field>}, {@code k:<key object as JSON>} (an element of an associative list),
 * {@code v:<value as JSON>} (an element of a set) or {@code i:<index>}. Stateless.
 */
final class FieldPaths {

  /** Token order of structured-merge-diff's {@code PathElement.Less}: fields, keys, values, indices. */
  static final Comparator<String> TOKEN_ORDER = Comparator.comparingInt(FieldPaths::rank)
      .thenComparing(Comparator.naturalOrder());

  /** Path order: token by token, a prefix before its extensions. */
  static final Comparator<List<String>> PATH_ORDER = (a, b) -> {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = TOKEN_ORDER.compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  };

  private FieldPaths() {}

  private static int rank(String token) {
    return switch (token.isEmpty() ? ' ' : token.charAt(0)) {
      case 'f' -> 0;
      case 'k' -> 1;
      case 'v' -> 2;
      default -> 3;
    };
  }

  static String field(String name) {
    return "f:" + name;
  }

  static String value(JsonNode v) {
    return "v:" + json(v);
  }

  /**
   * The key token of an element of an associative list, defaults filled in; empty when the
   * element is not an object or lacks a key field that has no default.
   */
  static Optional<String> key(JsonNode element, List<ListMapKey> keys) {
    if (!element.isObject()) {
      return Optional.empty();
    }
    Map<String, JsonNode> sorted = new TreeMap<>();
    for (ListMapKey k : keys) {
      JsonNode v = element.get(k.name());
      if (v == null || v.isNull()) {
        if (k.defaultValue().isEmpty()) {
          return Optional.empty();
        }
        v = Json.NODES.textNode(k.defaultValue().get());
      }
      sorted.put(k.name(), v);
    }
    ObjectNode o = Json.NODES.objectNode();
    sorted.forEach(o::set);
    return Optional.of("k:" + json(o));
  }

  /** The node at {@code path} in {@code root}, or empty. */
  static Optional<JsonNode> resolve(JsonNode root, List<String> path, PatchSchema schema) {
    JsonNode node = root;
    PatchSchema s = schema;
    for (String token : path) {
      node = child(node, token, s);
      if (node == null) {
        return Optional.empty();
      }
      s = token.startsWith("f:") ? s.field(token.substring(2)) : s.items();
    }
    return Optional.of(node);
  }

  /** The schema of the node at {@code path}. */
  static PatchSchema resolveSchema(PatchSchema schema, List<String> path) {
    PatchSchema s = schema;
    for (String token : path) {
      s = token.startsWith("f:") ? s.field(token.substring(2)) : s.items();
    }
    return s;
  }

  /** The child of {@code node} that {@code token} names, or null; {@code schema} is {@code node}'s. */
  static JsonNode child(JsonNode node, String token, PatchSchema schema) {
    return switch (token.charAt(0)) {
      case 'f' -> node.isObject() ? node.get(token.substring(2)) : null;
      case 'k', 'v', 'i' -> {
        int i = indexOf(node, token, schema);
        yield i < 0 ? null : node.get(i);
      }
      default -> null;
    };
  }

  /** Position in array {@code node} of the element {@code token} names, or -1. */
  static int indexOf(JsonNode node, String token, PatchSchema schema) {
    if (!node.isArray()) {
      return -1;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode e = node.get(i);
      boolean match = switch (token.charAt(0)) {
        case 'k' -> key(e, schema.mapKeys()).map(token::equals).orElse(false);
        case 'v' -> token.equals(value(e));
        case 'i' -> token.equals("i:" + i);
        default -> false;
      };
      if (match) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The path as structured-merge-diff prints it in conflicts and errors:
   * {@code .spec.template.spec.containers[name="nginx"].image}, {@code .metadata.finalizers[="a"]}.
   */
  static String render(List<String> path) {
    StringBuilder b = new StringBuilder();
    for (String token : path) {
      String body = token.substring(2);
      switch (token.charAt(0)) {
        case 'f' -> b.append('.').append(body);
        case 'k' -> {
          List<String> parts = new ArrayList<>();
          parse(body).fields().forEachRemaining(e -> parts.add(e.getKey() + "=" + json(e.getValue())));
          b.append('[').append(String.join(",", parts)).append(']');
        }
        case 'v' -> b.append("[=").append(body).append(']');
        default -> b.append('[').append(body).append(']');
      }
    }
    return b.toString();
  }

  static String json(JsonNode v) {
    try {
      return KubeJson.mapper().writeValueAsString(v);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + v, e);
    }
  }

  static JsonNode parse(String json) {
    try {
      return KubeJson.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad field path element " + json, e);
    }
  }
}
