package io.capstan.runtime.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The errors of strategic merge patch in Kubernetes' words
 * ({@code k8s.io/apimachinery/pkg/util/mergepatch/errors.go} and {@code strategicpatch/patch.go}),
 * with the codes the API server's {@code interpretStrategicMergePatchError} gives them: malformed
 * directives are 400, the rest 422. (Kubernetes answers 500 for the errors it does not classify,
 * such as a missing merge key; they are the client's fault, so Capstan says 422.)
 */
final class SmpErrors {

  private SmpErrors() {}

  static PatchException badJsonDoc() {
    return PatchException.badRequest("invalid JSON document");
  }

  static PatchException badPrimitiveList() {
    return PatchException.badRequest("invalid patch format of primitive list");
  }

  static PatchException badRetainKeys() {
    return PatchException.badRequest("invalid patch format of retainKeys");
  }

  static PatchException badSetElementOrder() {
    return PatchException.badRequest("invalid patch format of setElementOrder list");
  }

  static PatchException listOfLists() {
    return PatchException.cannotApply("lists of lists are not supported");
  }

  static PatchException noMergeKey(JsonNode map, String key) {
    return PatchException.cannotApply("map: " + Json.text(map) + " does not contain declared merge key: " + key);
  }

  static PatchException badPatchType(JsonNode directive, JsonNode map) {
    return PatchException.cannotApply("unknown patch type: " + (directive.isTextual() ? directive.asText()
        : Json.text(directive)) + " in map: " + Json.text(map));
  }

  static PatchException mergeDirectiveInList() {
    return PatchException.cannotApply("merging lists cannot yet be specified in the patch");
  }

  static PatchException notIdentical(JsonNode original, JsonNode patch) {
    return PatchException.cannotApply("list element types are not identical: " + Json.text(original) + " "
        + Json.text(patch));
  }

  static PatchException notAMap(JsonNode item) {
    return PatchException.cannotApply("expected a map[string]interface {}, but received a " + Json.goKind(item));
  }

  static PatchException orderMismatch(JsonNode patchList, JsonNode order) {
    return PatchException.cannotApply("The order in patch list:\n" + Json.text(patchList)
        + "\n doesn't match $setElementOrder list:\n" + Json.text(order) + "\n");
  }
}
