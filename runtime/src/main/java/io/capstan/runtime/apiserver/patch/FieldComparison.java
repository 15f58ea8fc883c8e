package io.capstan.runtime.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a write changed, field by field, as structured-merge-diff's {@code Compare} reports it:
 * fields {@linkplain #added() added}, {@linkplain #removed() removed}, and leaves whose value
 * was {@linkplain #modified() modified}. Ownership moves along these sets: an update takes the
 * added and modified fields from every other manager; an apply conflicts on them.
 */
record FieldComparison(FieldSet added, FieldSet removed, FieldSet modified) {

  /** The changes from {@code before} to {@code after} (managed fields and server metadata ignored). */
  static FieldComparison of(JsonNode before, JsonNode after, PatchSchema schema) {
    FieldSet old = FieldSets.ofLive(before, schema);
    FieldSet now = FieldSets.ofLive(after, schema);
    List<List<String>> modified = new ArrayList<>();
    for (List<String> p : old.intersect(now).paths()) {
      if (old.hasDescendant(p) || now.hasDescendant(p)) {
        continue; // an element or a struct: its leaves tell what changed
      }
      Optional<JsonNode> a = FieldPaths.resolve(before, p, schema);
      Optional<JsonNode> b = FieldPaths.resolve(after, p, schema);
      if (a.isPresent() && b.isPresent() && !Json.same(a.get(), b.get())) {
        modified.add(p);
      }
    }
    return new FieldComparison(now.minus(old), old.minus(now), FieldSet.of(modified));
  }

  /** Added and modified: the fields a write sets to something new. */
  FieldSet changed() {
    return added.union(modified);
  }
}
