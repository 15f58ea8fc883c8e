package io.capstan.runtime.apiserver.patch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.spi.client.PatchType;
import java.util.List;
import java.util.Optional;

/**
 * The API server's patch engine: what a PATCH request does to an object, as pure functions over
 * Jackson trees. Nothing is read from a clock or a store and no argument is changed; errors are
 * {@link PatchException}s carrying the code, reason and message Kubernetes answers with.
 *
 * <ul>
 *   <li>{@link #apply(PatchType, JsonNode, byte[], Optional)}: JSON patch (RFC 6902, via
 *       zjsonpatch), merge patch (RFC 7386) and strategic merge patch;
 *   <li>{@link #serverSideApply(Optional, byte[], PatchSchema, FieldManagerContext, boolean)}:
 *       {@code application/apply-patch+yaml}, which creates when the object is absent;
 *   <li>{@link #recordUpdate(Optional, JsonNode, PatchSchema, FieldManagerContext)}: the
 *       {@code managedFields} bookkeeping every other write needs.
 * </ul>
 *
 * <p>The schema: {@link PatchSchemas#forKind(String, String, String)} for built-in kinds, empty
 * for custom resources, which then get 415 for strategic merge patch as on Kubernetes, and
 * {@link PatchSchemas#forCustomResource()} for apply and managed fields.
 */
public final class PatchEngine {

  /** The content type of server-side apply, which {@link PatchType} does not list. */
  public static final String APPLY_PATCH_CONTENT_TYPE = "application/apply-patch+yaml";

  /**
   * The patch content types a custom resource accepts, in the order Kubernetes lists them in its
   * 415 message for a strategic merge patch.
   */
  public static final List<String> CUSTOM_RESOURCE_PATCH_TYPES = List.of(PatchType.JSON.contentType(),
      PatchType.MERGE.contentType(), APPLY_PATCH_CONTENT_TYPE);

  private PatchEngine() {}

  /**
   * The object after a JSON, merge or strategic merge patch.
   *
   * @param live the stored object
   * @param body the request body
   * @param schema the kind's patch schema; empty for a kind without one, which refuses strategic
   *     merge patch with 415
   * @return a new object; {@code live} is unchanged
   * @throws PatchException 400 for a body that is not a patch of {@code type}, 413 for a JSON
   *     patch over 10000 operations, 415 for strategic merge patch without a schema, 422 for a
   *     patch that does not apply or whose result is not an object
   */
  public static ObjectNode apply(PatchType type, JsonNode live, byte[] body, Optional<PatchSchema> schema) {
    requireNonNull(type, "type");
    requireNonNull(live, "live");
    requireNonNull(body, "body");
    requireNonNull(schema, "schema");
    JsonNode result = switch (type) {
      case JSON -> JsonPatches.apply(live, PatchBodies.json(body, ""));
      case MERGE -> mergePatch(live, body);
      case STRATEGIC -> strategic(live, body, schema);
      case APPLY -> throw new IllegalArgumentException("apply patches need field managers: use serverSideApply");
    };
    if (!result.isObject()) {
      throw PatchException.cannotApply("the patched object must be a JSON object, not " + Json.goKind(result));
    }
    return (ObjectNode) result;
  }

  private static JsonNode mergePatch(JsonNode live, byte[] body) {
    JsonNode patch;
    try {
      patch = PatchBodies.json(body, "");
    } catch (PatchException e) {
      throw PatchException.badRequest("Invalid JSON Patch"); // evanphx/json-patch's ErrBadJSONPatch
    }
    if (patch.isNull()) {
      throw PatchException.badRequest("Invalid JSON Patch");
    }
    return JsonMergePatch.apply(live, patch);
  }

  private static JsonNode strategic(JsonNode live, byte[] body, Optional<PatchSchema> schema) {
    if (schema.isEmpty()) {
      throw PatchException.unsupportedMediaType(CUSTOM_RESOURCE_PATCH_TYPES);
    }
    JsonNode patch = PatchBodies.json(body, "");
    if (patch.isNull()) {
      patch = Json.NODES.objectNode(); // Go decodes null into a nil map: no change
    }
    if (!patch.isObject()) {
      throw PatchException.badRequest("json: cannot unmarshal " + Json.goKind(patch)
          + " into Go value of type map[string]interface {}");
    }
    if (!live.isObject()) {
      throw SmpErrors.badJsonDoc();
    }
    return StrategicMergePatch.apply((ObjectNode) live, (ObjectNode) patch, schema.get());
  }

  /**
   * Server-side apply of {@code body} (YAML or JSON) by {@code context.manager()}.
   *
   * @param live the stored object, or empty to create one from the applied configuration
   * @param schema the kind's schema ({@link PatchSchemas#forCustomResource()} for custom kinds)
   * @param force take ownership of conflicting fields instead of failing
   * @return the new object with {@code metadata.managedFields} updated
   * @throws PatchException 400 for a body that is not an object of {@code context.apiVersion()}
   *     or that carries managed fields, 422 without a field manager
   * @throws ConflictPatchException 409 when another manager owns a field the apply changes and
   *     {@code force} is false
   */
  public static ObjectNode serverSideApply(Optional<JsonNode> live, byte[] body, PatchSchema schema,
      FieldManagerContext context, boolean force) {
    requireNonNull(live, "live");
    requireNonNull(body, "body");
    requireNonNull(schema, "schema");
    requireNonNull(context, "context");
    if (context.manager().isEmpty()) {
      throw PatchException.invalid("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is "
          + "required for apply patch");
    }
    return ServerSideApply.apply(live, PatchBodies.yaml(body), schema, context, force);
  }

  /**
   * {@code updated} with {@code metadata.managedFields} brought up to date for a create (when
   * {@code old} is empty), update or non-apply patch by {@code context.manager()}.
   */
  public static ObjectNode recordUpdate(Optional<JsonNode> old, JsonNode updated, PatchSchema schema,
      FieldManagerContext context) {
    requireNonNull(old, "old");
    requireNonNull(updated, "updated");
    requireNonNull(schema, "schema");
    requireNonNull(context, "context");
    if (!updated.isObject()) {
      throw new IllegalArgumentException("an object is needed, not " + Json.goKind(updated));
    }
    return ManagedFieldsUpdater.update(old, updated, schema, context);
  }
}
