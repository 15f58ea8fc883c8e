package io.capstan.runtime.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Managed fields for ordinary writes (create, update, JSON/merge/strategic patch): the
 * {@code Update} path of Kubernetes' field manager, so that objects written by kubectl or a
 * controller carry the {@code managedFields} they carry on Kubernetes.
 *
 * <p>Which entries to start from follows {@code decodeLiveOrNew}: the entries the request object
 * carries when it carries some (clients may edit them), else the live object's; a request with
 * {@code managedFields: []} or {@code [{}]} resets them; a subresource write always starts from
 * the live object's. An update of an object that has no managed fields does not start tracking
 * ({@code ProbabilisticSkipNonApplied}); a create always does.
 *
 * <p>The writer takes ownership of every field it adds or changes, from whoever had it (updates
 * never conflict), and gives up the fields it removed; its entry is stamped with the request
 * time when its fields changed.
 */
final class ManagedFieldsUpdater {

  private ManagedFieldsUpdater() {}

  /** {@code updated} with its managed fields recorded; {@code old} empty means a create. */
  static ObjectNode update(Optional<JsonNode> old, JsonNode updated, PatchSchema schema, FieldManagerContext ctx) {
    ObjectNode result = ((ObjectNode) updated).deepCopy();
    boolean create = old.isEmpty() || !old.get().isObject();
    List<ManagedFieldsEntry> managers;
    if (!ctx.subresource().isEmpty()) {
      managers = create ? List.of() : ManagedFields.read(old.get());
    } else if (ManagedFields.isReset(result)) {
      managers = List.of();
    } else {
      managers = ManagedFields.read(result);
      if (managers.isEmpty() && !create) {
        managers = ManagedFields.read(old.get());
      }
    }
    ManagedFields.strip(result);
    if (!create && managers.isEmpty()) {
      return result;
    }
    ObjectNode before = create ? Json.NODES.objectNode() : ((ObjectNode) old.get()).deepCopy();
    ManagedFields.strip(before);
    FieldComparison cmp = FieldComparison.of(before, result, schema);
    FieldSet changed = cmp.changed();

    ManagedFieldsEntry me = new ManagedFieldsEntry(ctx.manager(), ManagedFieldsEntry.UPDATE, ctx.apiVersion(),
        ctx.timestamp(), FieldSet.EMPTY, ctx.subresource());
    ManagedFieldsEntry previous = null;
    List<ManagedFieldsEntry> out = new ArrayList<>();
    for (ManagedFieldsEntry e : managers) {
      if (e.sameManager(me)) {
        previous = e;
      } else {
        out.add(e.withFields(e.fields().minus(changed)));
      }
    }
    FieldSet mine = (previous == null ? FieldSet.EMPTY : previous.fields()).minus(cmp.removed()).union(changed);
    if (previous != null && previous.fields().equals(mine)) {
      out.add(previous);
    } else {
      out.add(me.withFields(mine));
    }
    ManagedFields.write(result, out);
    return result;
  }
}
