package io.capstan.runtime.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code $setElementOrder/<list>}: the parallel list kubectl sends with every merged list it
 * changes ({@code "$setElementOrder/containers": [{"name": "nginx"}]}), giving the order of the
 * elements the patch author knows about. Port of {@code mergePatchIntoOriginal} and
 * {@code validatePatchWithSetOrderList} of {@code strategicpatch/patch.go}: the list is merged
 * as usual, then elements named by the order list take that order and server-only elements are
 * interleaved by their live position. The list's patch entry is consumed here.
 */
final class SetElementOrder {

  private SetElementOrder() {}

  /** Processes every {@code $setElementOrder/} key of {@code patch} into {@code original}. */
  static void apply(ObjectNode original, ObjectNode patch, PatchSchema schema) {
    for (String directive : Json.names(patch)) {
      if (!directive.startsWith(StrategicMergePatch.SET_ELEMENT_ORDER)) {
        continue;
      }
      JsonNode order = patch.remove(directive);
      String field = StrategicMergePatch.listKey(directive, StrategicMergePatch.SET_ELEMENT_ORDER,
          SmpErrors.badSetElementOrder());
      if (!order.isArray()) {
        throw SmpErrors.badSetElementOrder();
      }
      JsonNode live = original.get(field);
      JsonNode patchList = patch.get(field);
      if (live != null && !live.isArray()) {
        throw PatchException.cannotApply("expected a []interface {}, but received a " + Json.goKind(live));
      }
      if (patchList != null && !patchList.isArray()) {
        throw PatchException.cannotApply("expected a []interface {}, but received a " + Json.goKind(patchList));
      }
      if (live == null && patchList == null) {
        continue;
      }
      PatchSchema list = schema.field(field);
      String key = list.mergeKey();
      if (patchList != null) {
        validate(patchList, order, key);
      }
      ArrayNode liveList = live == null ? Json.NODES.arrayNode() : (ArrayNode) live;
      JsonNode merged = patchList == null ? liveList
          : StrategicMergePatch.mergeValue(liveList.deepCopy(), patchList, list);
      patch.remove(field);
      if (merged.isEmpty() || (key.isEmpty() && StrategicLists.kind(merged) == StrategicLists.Kind.OBJECT)) {
        original.set(field, merged); // nothing to order, or no key to order objects by
        continue;
      }
      original.set(field, ListOrder.normalize(Json.elements(merged), Json.elements(order), Json.elements(liveList),
          key));
    }
  }

  /**
   * The patch list's elements (deletions and directives aside) must appear in the order list in
   * the same relative order.
   */
  private static void validate(JsonNode patchList, JsonNode order, String key) {
    if (order.isEmpty() || patchList.isEmpty()) {
      return;
    }
    List<JsonNode> items = new ArrayList<>();
    for (JsonNode v : patchList) {
      if (!key.isEmpty()) {
        if (!v.isObject()) {
          throw SmpErrors.notAMap(v);
        }
        JsonNode d = v.get(StrategicMergePatch.PATCH);
        if (d != null && "delete".equals(d.asText())) {
          continue;
        }
      }
      items.add(v);
    }
    int p = 0;
    int o = 0;
    while (p < items.size() && o < order.size()) {
      JsonNode item = items.get(p);
      if (item.isObject() && item.has(StrategicMergePatch.PATCH)) {
        p++;
        continue;
      }
      if (sameKey(item, order.get(o), key)) {
        p++;
      }
      o++;
    }
    if (p < items.size()) {
      throw SmpErrors.orderMismatch(patchList, order);
    }
  }

  private static boolean sameKey(JsonNode a, JsonNode b, String key) {
    if (key.isEmpty()) {
      return Json.same(a, b);
    }
    if (!a.isObject() || a.get(key) == null) {
      throw a.isObject() ? SmpErrors.noMergeKey(a, key) : SmpErrors.notAMap(a);
    }
    if (!b.isObject() || b.get(key) == null) {
      throw b.isObject() ? SmpErrors.noMergeKey(b, key) : SmpErrors.notAMap(b);
    }
    return Json.same(a.get(key), b.get(key));
  }
}
