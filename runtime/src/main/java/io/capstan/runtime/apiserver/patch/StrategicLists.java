package io.capstan.runtime.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The list half of strategic merge patch: {@code mergeSlice},
 * {@code mergeSliceWithSpecialElements} and {@code mergeSliceWithoutSpecialElements} of
 * {@code strategicpatch/patch.go}, for a list whose field has {@code patchStrategy:"merge"}.
 *
 * <p>Primitives merge as a set (duplicates dropped). Objects merge by the merge key: a patch
 * element updates the first original element with the same key or is added;
 * {@code {"$patch": "delete", key: v}} removes every element with key {@code v};
 * {@code {"$patch": "replace"}} makes the other patch elements the whole list. The result is
 * ordered by {@link ListOrder}: patch elements in patch order, interleaved with server-only
 * elements in their original order, which puts a new element without {@code $setElementOrder}
 * first, as Kubernetes does.
 */
final class StrategicLists {

  /** The kind of the elements of a list, as far as merging cares. */
  enum Kind { OBJECT, PRIMITIVE, NONE }

  private StrategicLists() {}

  /** {@code original} merged with {@code patch}; the arguments may be changed. */
  static ArrayNode merge(ArrayNode original, ArrayNode patch, PatchSchema schema) {
    if (original.isEmpty() && patch.isEmpty()) {
      return original;
    }
    Kind kind = kind(original, patch);
    if (kind != Kind.OBJECT) {
      List<JsonNode> merged = new ArrayList<>();
      for (JsonNode v : concat(original, patch)) {
        if (merged.stream().noneMatch(m -> Json.same(m, v))) {
          merged.add(v);
        }
      }
      List<JsonNode> order = Json.elements(patch);
      return ListOrder.normalize(merged, order, Json.elements(original), "");
    }
    String key = schema.mergeKey();
    if (key.isEmpty()) {
      throw PatchException.cannotApply("cannot merge lists without merge key for type struct");
    }
    List<JsonNode> base = Json.elements(original);
    List<JsonNode> plain = new ArrayList<>();
    boolean replace = false;
    for (JsonNode v : patch) {
      JsonNode directive = v.get(StrategicMergePatch.PATCH);
      if (directive == null) {
        plain.add(v);
        continue;
      }
      switch (directive.isTextual() ? directive.asText() : "") {
        case "delete" -> {
          JsonNode value = v.get(key);
          if (value == null) {
            throw SmpErrors.noMergeKey(v, key);
          }
          base.removeIf(e -> Json.same(e.get(key), value));
        }
        case "replace" -> replace = true;
        case "merge" -> throw SmpErrors.mergeDirectiveInList();
        default -> throw SmpErrors.badPatchType(directive, v);
      }
    }
    if (replace) {
      List<JsonNode> replacement = new ArrayList<>();
      plain.forEach(v -> replacement.add(StrategicMergePatch.clean(v, schema.items())));
      base = replacement;
      plain = List.of();
    }
    List<JsonNode> serverOrder = new ArrayList<>(base);
    List<JsonNode> merged = new ArrayList<>(base);
    for (JsonNode v : plain) {
      JsonNode value = v.get(key);
      if (value == null) {
        throw SmpErrors.noMergeKey(v, key);
      }
      int at = indexOfKey(merged, key, value);
      if (at >= 0) {
        merged.set(at, StrategicMergePatch.mergeMap((ObjectNode) merged.get(at), (ObjectNode) v, schema.items()));
      } else {
        merged.add(StrategicMergePatch.clean(v, schema.items()));
      }
    }
    return ListOrder.normalize(merged, plain, serverOrder, key);
  }

  /** The first element of {@code list} whose {@code key} equals {@code value}, or -1. */
  static int indexOfKey(List<JsonNode> list, String key, JsonNode value) {
    for (int i = 0; i < list.size(); i++) {
      JsonNode e = list.get(i);
      if (!e.isObject()) {
        throw PatchException.cannotApply("value for key " + i + " is not a map.");
      }
      if (Json.same(e.get(key), value)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The element kind shared by the lists ({@code sliceElementType}): lists of lists are refused,
   * as are lists mixing objects and primitives.
   */
  static Kind kind(JsonNode... lists) {
    Kind kind = Kind.NONE;
    JsonNode first = null;
    for (JsonNode list : lists) {
      for (JsonNode v : list) {
        if (v.isArray()) {
          throw SmpErrors.listOfLists();
        }
        Kind k = v.isObject() ? Kind.OBJECT : Kind.PRIMITIVE;
        if (kind == Kind.NONE) {
          kind = k;
          first = list;
        } else if (k != kind) {
          throw SmpErrors.notIdentical(first, list);
        }
      }
    }
    return kind;
  }

  private static List<JsonNode> concat(JsonNode a, JsonNode b) {
    List<JsonNode> out = Json.elements(a);
    b.forEach(out::add);
    return out;
  }
}
