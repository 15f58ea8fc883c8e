package io.capstan.runtime.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The object half of server-side apply: merging an applied configuration into the live object
 * ({@code typed.Merge} of structured-merge-diff) and removing the fields an applier stopped
 * applying ({@code Updater.prune}).
 *
 * <p>Merge: objects merge field by field (an atomic struct is replaced); associative lists merge
 * by their keys, live elements keeping their places, elements both sides have taking the applied
 * order among themselves, new elements appended; sets gain the applied values at the end; other
 * lists and scalars take the applied value; a {@code null} removes the field.
 */
final class ApplyMerge {

  private ApplyMerge() {}

  /** {@code live} (or nothing) with {@code applied} merged in; the arguments are not changed. */
  static JsonNode merge(JsonNode live, JsonNode applied, PatchSchema schema) {
    if (applied.isObject() && live != null && live.isObject() && !schema.atomic()) {
      ObjectNode out = ((ObjectNode) live).deepCopy();
      applied.fields().forEachRemaining(e -> {
        if (e.getValue().isNull()) {
          out.remove(e.getKey());
        } else {
          out.set(e.getKey(), merge(out.get(e.getKey()), e.getValue(), schema.field(e.getKey())));
        }
      });
      return out;
    }
    if (applied.isArray() && live != null && live.isArray() && !schema.mapKeys().isEmpty()) {
      return associative((ArrayNode) live, (ArrayNode) applied, schema);
    }
    if (applied.isArray() && live != null && live.isArray() && schema.setList()) {
      ArrayNode out = ((ArrayNode) live).deepCopy();
      applied.forEach(v -> {
        if (FieldPaths.indexOf(out, FieldPaths.value(v), schema) < 0) {
          out.add(v.deepCopy());
        }
      });
      return out;
    }
    return Json.pruneNulls(applied.deepCopy());
  }

  private static ArrayNode associative(ArrayNode live, ArrayNode applied, PatchSchema schema) {
    Map<String, JsonNode> appliedByKey = new LinkedHashMap<>();
    applied.forEach(v -> appliedByKey.put(token(v, schema), v));
    Map<String, JsonNode> liveByKey = new HashMap<>();
    live.forEach(v -> liveByKey.putIfAbsent(token(v, schema), v));
    List<String> shared = new ArrayList<>(appliedByKey.keySet().stream().filter(liveByKey::containsKey).toList());
    ArrayNode out = Json.NODES.arrayNode();
    for (JsonNode v : live) {
      String k = token(v, schema);
      if (!appliedByKey.containsKey(k)) {
        out.add(v.deepCopy());
      } else if (!shared.isEmpty() && liveByKey.get(k) == v) {
        String next = shared.remove(0);
        out.add(merge(liveByKey.get(next), appliedByKey.get(next), schema.items()));
      }
    }
    appliedByKey.forEach((k, v) -> {
      if (!liveByKey.containsKey(k)) {
        out.add(merge(null, v, schema.items()));
      }
    });
    return out;
  }

  private static String token(JsonNode element, PatchSchema list) {
    return FieldPaths.key(element, list.mapKeys()).orElse("?" + Json.text(element));
  }

  /**
   * Removes from {@code object} each path of {@code removed} that nobody owns anything below
   * ({@code owned} is every manager's set after the apply). Key fields of an element that stays
   * are kept, and objects and lists below the top level that the removal empties are removed too,
   * as Go's {@code omitempty} would drop them.
   */
  static void prune(ObjectNode object, FieldSet removed, FieldSet owned, PatchSchema schema) {
    List<List<String>> paths = new ArrayList<>(removed.paths());
    paths.sort((a, b) -> Integer.compare(b.size(), a.size()));
    for (List<String> path : paths) {
      if (owned.hasDescendant(path) || isKeyOfParent(path)) {
        continue;
      }
      remove(object, path, owned, schema);
    }
  }

  private static boolean isKeyOfParent(List<String> path) {
    if (path.size() < 2 || !path.get(path.size() - 2).startsWith("k:")) {
      return false;
    }
    String field = path.get(path.size() - 1).substring(2);
    return FieldPaths.parse(path.get(path.size() - 2).substring(2)).has(field);
  }

  private static void remove(ObjectNode object, List<String> path, FieldSet owned, PatchSchema schema) {
    List<String> parentPath = path.subList(0, path.size() - 1);
    Optional<JsonNode> parent = FieldPaths.resolve(object, parentPath, schema);
    if (parent.isEmpty()) {
      return;
    }
    String token = path.get(path.size() - 1);
    JsonNode p = parent.get();
    if (token.startsWith("f:") && p instanceof ObjectNode o) {
      o.remove(token.substring(2));
    } else if (p instanceof ArrayNode a) {
      int i = FieldPaths.indexOf(a, token, FieldPaths.resolveSchema(schema, parentPath));
      if (i >= 0) {
        a.remove(i);
      }
    }
    if (p.isEmpty() && parentPath.size() >= 2 && !owned.contains(parentPath)) {
      remove(object, List.copyOf(parentPath), owned, schema);
    }
  }
}
