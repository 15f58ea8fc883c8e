package io.capstan.runtime.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.runtime.apiserver.patch.ConflictPatchException.Conflict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Server-side apply ({@code application/apply-patch+yaml}): {@code Updater.Apply} of
 * structured-merge-diff with the API server's field manager around it.
 *
 * <ol>
 *   <li>the applied configuration must be an object of the request's API version, without
 *       {@code metadata.managedFields} (400 otherwise, Kubernetes' wording);
 *   <li>a live object that has no managed fields yet is first attributed to the
 *       {@code before-first-apply} manager, so the first apply meets conflicts instead of
 *       silently taking over fields someone else set;
 *   <li>the configuration is merged into the live object ({@link ApplyMerge}); fields this
 *       manager applied last time and does not apply now are removed unless another manager
 *       owns them too;
 *   <li>a field the apply adds or changes that another manager owns is a conflict: 409 listing
 *       them unless {@code force}, in which case the others lose those fields;
 *   <li>this manager's {@code Apply} entry becomes exactly the applied fields, stamped with the
 *       request time.
 * </ol>
 */
final class ServerSideApply {

  static final String BEFORE_FIRST_APPLY = "before-first-apply";

  private ServerSideApply() {}

  /** The object after applying {@code applied} over {@code live} (empty: create). Arguments are not changed. */
  static ObjectNode apply(Optional<JsonNode> live, JsonNode applied, PatchSchema schema, FieldManagerContext ctx,
      boolean force) {
    String gvk = check(applied, ctx);
    boolean create = live.isEmpty() || !live.get().isObject();
    ObjectNode current = create ? Json.NODES.objectNode() : ((ObjectNode) live.get()).deepCopy();
    List<ManagedFieldsEntry> managers = new ArrayList<>(ManagedFields.read(current));
    ManagedFields.strip(current);
    if (!create && managers.isEmpty()) {
      FieldSet existing = FieldSets.ofLive(current, schema);
      managers.add(new ManagedFieldsEntry(BEFORE_FIRST_APPLY, ManagedFieldsEntry.UPDATE, ctx.apiVersion(),
          ctx.timestamp(), existing, ""));
    }
    FieldSet appliedSet = FieldSets.ofApplied(applied, schema, gvk);
    ManagedFieldsEntry me = new ManagedFieldsEntry(ctx.manager(), ManagedFieldsEntry.APPLY, ctx.apiVersion(),
        ctx.timestamp(), appliedSet, ctx.subresource());
    FieldSet lastApplied = FieldSet.EMPTY;
    List<ManagedFieldsEntry> others = new ArrayList<>();
    for (ManagedFieldsEntry e : managers) {
      if (e.sameManager(me)) {
        lastApplied = e.fields();
      } else {
        others.add(e);
      }
    }
    ObjectNode merged = (ObjectNode) ApplyMerge.merge(current, applied, schema);
    FieldSet owned = appliedSet;
    for (ManagedFieldsEntry e : others) {
      owned = owned.union(e.fields());
    }
    ApplyMerge.prune(merged, lastApplied.minus(owned), owned, schema);

    FieldSet changed = FieldComparison.of(current, merged, schema).changed();
    List<Conflict> conflicts = new ArrayList<>();
    List<ManagedFieldsEntry> result = new ArrayList<>();
    for (ManagedFieldsEntry e : others) {
      FieldSet clash = e.fields().intersect(changed);
      clash.paths().forEach(p -> conflicts.add(new Conflict(e.printed(), FieldPaths.render(p))));
      result.add(force ? e.withFields(e.fields().minus(clash)) : e);
    }
    if (!force && !conflicts.isEmpty()) {
      throw ConflictPatchException.of(conflicts);
    }
    result.add(me);
    ManagedFields.write(merged, result);
    return merged;
  }

  /** Validates the applied configuration; returns its GVK as Go prints it, for messages. */
  private static String check(JsonNode applied, FieldManagerContext ctx) {
    if (!applied.isObject()) {
      throw PatchException.badRequest("error decoding YAML: json: cannot unmarshal " + Json.goKind(applied)
          + " into Go value of type map[string]interface {}");
    }
    String apiVersion = applied.path("apiVersion").asText("");
    String kind = applied.path("kind").asText("");
    if (kind.isEmpty()) {
      throw PatchException.badRequest("Object 'Kind' is missing in '" + Json.text(applied) + "'");
    }
    if (!apiVersion.equals(ctx.apiVersion())) {
      throw PatchException.badRequest("Incorrect version specified in apply patch. Specified patch version: "
          + apiVersion + ", expected: " + ctx.apiVersion());
    }
    JsonNode managed = applied.path("metadata").get("managedFields");
    if (managed != null && !managed.isNull()) {
      throw PatchException.badRequest("metadata.managedFields must be nil");
    }
    return (apiVersion.contains("/") ? apiVersion : "/" + apiVersion) + ", Kind=" + kind;
  }
}
