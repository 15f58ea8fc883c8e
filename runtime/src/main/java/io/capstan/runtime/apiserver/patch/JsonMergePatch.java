package io.capstan.runtime.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * RFC 7386 JSON Merge Patch ({@code application/merge-patch+json}).
 *
 * <p>Written here rather than taken from a library because the whole algorithm is the ten lines
 * of RFC 7386 section 2, and the libraries on hand either work on their own tree types
 * (json-patch's {@code JsonMergePatch} pulls in Guava and jackson-coreutils) or apply merge patch
 * as a side effect of a diff API; matching Kubernetes' one deviation (below) is easier in our own
 * code than around someone else's.
 *
 * <p>Semantics: an object patch merges into an object target member by member, a {@code null}
 * member deletes, any other value (arrays included) replaces; a non-object patch replaces the
 * whole target. As in Kubernetes' {@code evanphx/json-patch} v4 {@code MergePatch}, null members
 * of objects inside a replacing value are dropped too, so an object never stores a null the
 * patch author meant as "absent".
 */
final class JsonMergePatch {

  private JsonMergePatch() {}

  /**
   * {@code target} with {@code patch} merged in; neither argument is changed.
   *
   * @param target the document, or {@code null}/missing for none
   */
  static JsonNode apply(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return Json.pruneNulls(patch.deepCopy());
    }
    ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : Json.NODES.objectNode();
    patch.fields().forEachRemaining(e -> {
      if (e.getValue().isNull()) {
        result.remove(e.getKey());
      } else {
        result.set(e.getKey(), apply(result.get(e.getKey()), e.getValue()));
      }
    });
    return result;
  }
}
