package io.capstan.runtime.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.zjsonpatch.CompatibilityFlags;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import io.fabric8.zjsonpatch.Operation;
import java.util.EnumSet;

/**
 * RFC 6902 JSON Patch ({@code application/json-patch+json}) through fabric8's maintained
 * {@code zjsonpatch}, with the API server's limits and error codes around it: the body must be a
 * JSON array (400 otherwise, worded as Go's decoder words it), at most
 * {@value #MAX_OPERATIONS} operations (413, Kubernetes' {@code maxJSONPatchOperations}), and an
 * operation that does not apply is a 422 whose cause reads like {@code evanphx/json-patch}'s
 * errors ({@code testing value /spec/replicas failed: test failed}).
 */
final class JsonPatches {

  /** Kubernetes' {@code maxJSONPatchOperations}. */
  static final int MAX_OPERATIONS = 10_000;

  /**
   * Removing a path that does not exist is an error in Kubernetes' {@code evanphx/json-patch};
   * zjsonpatch ignores it unless told otherwise.
   */
  private static final EnumSet<CompatibilityFlags> FLAGS = EnumSet.of(CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT);

  private JsonPatches() {}

  /** {@code live} with {@code operations} applied; {@code live} is not changed. */
  static JsonNode apply(JsonNode live, JsonNode operations) {
    if (!operations.isArray()) {
      throw PatchException.badRequest("json: cannot unmarshal " + Json.goKind(operations)
          + " into Go value of type jsonpatch.Patch");
    }
    if (operations.size() > MAX_OPERATIONS) {
      throw PatchException.tooLarge("The allowed maximum operations in a JSON patch is " + MAX_OPERATIONS + ", got "
          + operations.size());
    }
    for (JsonNode op : operations) {
      if (!op.isObject()) {
        throw PatchException.badRequest("json: cannot unmarshal " + Json.goKind(op)
            + " into Go value of type jsonpatch.Operation");
      }
      JsonNode kind = op.get("op");
      if (kind == null || !kind.isTextual() || !knownOperation(kind.asText())) {
        throw PatchException.cannotApply("Unexpected kind: " + (kind == null ? "unknown" : kind.asText()));
      }
    }
    try {
      return JsonPatch.apply(operations, live, FLAGS);
    } catch (JsonPatchException e) {
      throw PatchException.cannotApply(describe(e));
    } catch (IllegalArgumentException e) {
      // zjsonpatch signals malformed operations (missing path, bad pointer) this way
      throw PatchException.cannotApply(String.valueOf(e.getMessage()));
    }
  }

  private static boolean knownOperation(String name) {
    try {
      Operation.fromRfcName(name);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** evanphx/json-patch v4's wording for the failure, which Kubernetes returns as the cause. */
  private static String describe(JsonPatchException e) {
    Operation op = e.getOperation();
    String path = e.getPath() == null ? "" : e.getPath().toString();
    String message = String.valueOf(e.getMessage());
    if (op == null) {
      return message;
    }
    return switch (op) {
      case TEST -> "testing value " + path + " failed: test failed";
      case REMOVE -> "remove operation does not apply: doc is missing path: \"" + path + "\": missing value";
      case REPLACE -> "replace operation does not apply: doc is missing key: " + path + ": missing value";
      case ADD -> "add operation does not apply: doc is missing path: \"" + path + "\": missing value";
      case MOVE, COPY -> op.rfcName() + " operation does not apply: " + message;
    };
  }
}
