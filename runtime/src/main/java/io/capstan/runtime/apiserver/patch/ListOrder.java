package io.capstan.runtime.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order of a merged list, as {@code normalizeElementOrder} and {@code mergeSortedSlice} of
 * {@code strategicpatch/patch.go} decide it (design: "preserve order in strategic merge patch").
 *
 * <p>Elements named by the patch (or by {@code $setElementOrder}) keep the patch's order; the
 * others ("server-only") keep their order in the live list; the two runs are interleaved by
 * walking both and taking the server-only element first only when the live list has it before
 * the patch element. A patch element the live list lacks therefore goes before any server-only
 * element it is compared with.
 */
final class ListOrder {

  private ListOrder() {}

  /**
   * {@code merged} ordered by {@code patchOrder} (the patch list or the {@code $setElementOrder}
   * list) and {@code serverOrder} (the live list).
   *
   * @param key the merge key of a list of objects, {@code ""} for primitives
   */
  static ArrayNode normalize(List<JsonNode> merged, List<JsonNode> patchOrder, List<JsonNode> serverOrder,
      String key) {
    List<JsonNode> patchItems = new ArrayList<>();
    List<JsonNode> serverOnly = new ArrayList<>();
    for (JsonNode v : merged) {
      if (!key.isEmpty() && (!v.isObject() || v.get(key) == null)) {
        throw v.isObject() ? SmpErrors.noMergeKey(v, key) : SmpErrors.notAMap(v);
      }
      (index(patchOrder, v, key) >= 0 ? patchItems : serverOnly).add(v);
    }
    if (!key.isEmpty()) {
      for (JsonNode o : patchOrder) {
        if (!o.isObject() || o.get(key) == null) {
          throw o.isObject() ? SmpErrors.noMergeKey(o, key) : SmpErrors.notAMap(o);
        }
      }
    }
    sortBy(patchItems, patchOrder, key);
    sortBy(serverOnly, serverOrder, key);
    return Json.array(interleave(serverOnly, patchItems, serverOrder, key));
  }

  /** Stable sort by position in {@code order}; elements it lacks keep their place at the end. */
  private static void sortBy(List<JsonNode> items, List<JsonNode> order, String key) {
    items.sort(Comparator.comparingInt(v -> {
      int i = index(order, v, key);
      return i < 0 ? Integer.MAX_VALUE : i;
    }));
  }

  /** {@code mergeSortedSlice}: {@code left} are server-only elements, {@code right} patch elements. */
  private static List<JsonNode> interleave(List<JsonNode> left, List<JsonNode> right, List<JsonNode> serverOrder,
      String key) {
    List<JsonNode> out = new ArrayList<>(left.size() + right.size());
    int i = 0;
    int j = 0;
    while (i < left.size() || j < right.size()) {
      if (i >= left.size()) {
        out.add(right.get(j++));
      } else if (j >= right.size()) {
        out.add(left.get(i++));
      } else {
        int li = index(serverOrder, left.get(i), key);
        int ri = index(serverOrder, right.get(j), key);
        if (li >= 0 && ri >= 0 && li < ri) {
          out.add(left.get(i++));
        } else {
          out.add(right.get(j++));
        }
      }
    }
    return out;
  }

  /** Position of {@code item} in {@code list}, by merge key for objects, by value otherwise; -1 if absent. */
  static int index(List<JsonNode> list, JsonNode item, String key) {
    JsonNode wanted = key.isEmpty() ? item : item.get(key);
    for (int i = 0; i < list.size(); i++) {
      JsonNode candidate = key.isEmpty() ? list.get(i) : list.get(i).get(key);
      if (Json.same(wanted, candidate)) {
        return i;
      }
    }
    return -1;
  }
}
