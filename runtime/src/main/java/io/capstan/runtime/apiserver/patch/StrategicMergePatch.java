package io.capstan.runtime.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Kubernetes' strategic merge patch ({@code application/strategic-merge-patch+json}), the
 * server-side half of {@code k8s.io/apimachinery/pkg/util/strategicpatch} ({@code mergeMap},
 * {@code StrategicMergeMapPatch} with {@code MergeParallelList} and {@code IgnoreUnmatchedNulls}).
 *
 * <p>Like JSON merge patch, with a {@link PatchSchema} deciding per field: lists with a merge key
 * merge element by element ({@code containers} by {@code name}), lists of primitives with
 * {@code patchStrategy:"merge"} merge as sets ({@code finalizers}), other lists are replaced.
 * Directives: {@code $patch: replace|delete} on a map, {@code {"$patch": "replace"}} and
 * {@code {"name": "x", "$patch": "delete"}} as list elements, {@code $retainKeys},
 * {@code $setElementOrder/<list>}, {@code $deleteFromPrimitiveList/<list>}.
 *
 * <p>Two deliberate differences from Kubernetes 1.32, both for requests Kubernetes gets wrong:
 * {@code $patch: merge} on a map is accepted as the explicit default (Kubernetes answers
 * "unknown patch type: merge"), and {@code $deleteFromPrimitiveList/x} for an absent {@code x}
 * does nothing (Kubernetes stores the deletion list as the field's value). Values added where
 * the original has nothing are merged into an empty value, so directives inside them are obeyed
 * and never stored; Kubernetes copies them and lets its typed decoder drop them, with the same
 * result.
 */
final class StrategicMergePatch {

  static final String PATCH = "$patch";
  static final String RETAIN_KEYS = "$retainKeys";
  static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";
  static final String SET_ELEMENT_ORDER = "$setElementOrder";

  private StrategicMergePatch() {}

  /** {@code original} with {@code patch} applied; neither argument is changed. */
  static ObjectNode apply(ObjectNode original, ObjectNode patch, PatchSchema schema) {
    return mergeMap(original.deepCopy(), patch.deepCopy(), schema);
  }

  /** Merges {@code patch} into {@code original} (both owned by the caller, both changed). */
  static ObjectNode mergeMap(ObjectNode original, ObjectNode patch, PatchSchema schema) {
    JsonNode directive = patch.get(PATCH);
    if (directive != null) {
      String d = directive.isTextual() ? directive.asText() : "";
      switch (d) {
        case "replace" -> {
          patch.remove(PATCH);
          return mergeMap(Json.NODES.objectNode(), patch, schema);
        }
        case "delete" -> {
          return Json.NODES.objectNode();
        }
        case "merge" -> patch.remove(PATCH);
        default -> throw SmpErrors.badPatchType(directive, patch);
      }
    }
    ObjectNode result = original == null ? Json.NODES.objectNode() : original;
    retainKeys(result, patch);
    SetElementOrder.apply(result, patch, schema);
    for (String key : Json.names(patch)) {
      JsonNode value = patch.get(key);
      if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
        deleteFromPrimitiveList(result, key, value);
      } else if (key.startsWith("$")) {
        continue; // an unknown directive: Kubernetes' typed decoder drops it too
      } else if (value.isNull()) {
        result.remove(key);
      } else {
        result.set(key, mergeValue(result.get(key), value, schema.field(key)));
      }
    }
    return result;
  }

  /** The value of a field after merging {@code patch} into {@code original} (which may be absent). */
  static JsonNode mergeValue(JsonNode original, JsonNode patch, PatchSchema field) {
    if (patch.isObject()) {
      ObjectNode base = !field.replace() && original != null && original.isObject() ? (ObjectNode) original : null;
      return mergeMap(base, (ObjectNode) patch, field);
    }
    if (patch.isArray()) {
      if (field.mergeList()) {
        ArrayNode base = original != null && original.isArray() ? (ArrayNode) original : Json.NODES.arrayNode();
        return StrategicLists.merge(base, (ArrayNode) patch, field);
      }
      return clean(patch, field);
    }
    return patch;
  }

  /** A patch value with its directives obeyed and nulls dropped, as merged into nothing. */
  static JsonNode clean(JsonNode value, PatchSchema schema) {
    if (value.isObject()) {
      return mergeMap(null, (ObjectNode) value, schema);
    }
    if (value.isArray()) {
      if (schema.mergeList()) {
        return StrategicLists.merge(Json.NODES.arrayNode(), (ArrayNode) value, schema);
      }
      ArrayNode out = Json.NODES.arrayNode(value.size());
      value.forEach(v -> out.add(clean(v, schema.items())));
      return out;
    }
    return value;
  }

  /**
   * {@code $retainKeys}: every other key of the patch must be listed (400 otherwise), and keys of
   * the original that are not listed are cleared ({@code applyRetainKeysDirective}).
   */
  private static void retainKeys(ObjectNode original, ObjectNode patch) {
    JsonNode list = patch.remove(RETAIN_KEYS);
    if (list == null) {
      return;
    }
    if (!list.isArray()) {
      throw SmpErrors.badRetainKeys();
    }
    Set<String> keep = new HashSet<>();
    list.forEach(v -> {
      if (v.isTextual()) {
        keep.add(v.asText());
      }
    });
    for (String key : Json.names(patch)) {
      if (patch.get(key).isNull() || key.startsWith(DELETE_FROM_PRIMITIVE_LIST) || key.startsWith(SET_ELEMENT_ORDER)) {
        continue;
      }
      if (!keep.contains(key)) {
        throw SmpErrors.badRetainKeys();
      }
    }
    for (String key : Json.names(original)) {
      if (!keep.contains(key)) {
        original.remove(key);
      }
    }
  }

  /** {@code $deleteFromPrimitiveList/x: [a, b]} removes every {@code a} and {@code b} from list {@code x}. */
  private static void deleteFromPrimitiveList(ObjectNode original, String key, JsonNode deletions) {
    String field = listKey(key, DELETE_FROM_PRIMITIVE_LIST, SmpErrors.badPrimitiveList());
    if (!deletions.isArray()) {
      throw SmpErrors.badPrimitiveList();
    }
    JsonNode current = original.get(field);
    if (current == null || !current.isArray()) {
      return;
    }
    List<JsonNode> kept = Json.elements(current);
    kept.removeIf(v -> {
      for (JsonNode d : deletions) {
        if (Json.same(v, d)) {
          return true;
        }
      }
      return false;
    });
    original.set(field, Json.array(kept));
  }

  /** The list field a parallel directive names ({@code $setElementOrder/containers} gives {@code containers}). */
  static String listKey(String key, String prefix, PatchException malformed) {
    int slash = key.indexOf('/');
    if (slash < 0 || !key.substring(0, slash).equals(prefix) || slash == key.length() - 1) {
      throw malformed;
    }
    return key.substring(slash + 1);
  }
}
