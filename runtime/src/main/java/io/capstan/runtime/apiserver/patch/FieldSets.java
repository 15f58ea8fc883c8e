package io.capstan.runtime.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The fields an object sets, as structured-merge-diff's {@code ToFieldSet} computes them
 * ({@code typed/tofieldset.go}): every scalar, every atomic list or struct as one path, every
 * element of an associative list ({@code k:}) or set ({@code v:}) as a path of its own, an empty
 * object as a leaf; then the metadata the API server owns is dropped, as
 * {@code managedfields/internal/stripmeta.go} does ({@code apiVersion}, {@code kind},
 * {@code metadata.name}, {@code namespace}, {@code uid}, {@code resourceVersion},
 * {@code generation}, {@code creationTimestamp}, {@code selfLink}, {@code managedFields}, ...).
 */
final class FieldSets {

  private static final Set<List<String>> STRIPPED = Set.of(
      List.of("f:apiVersion"), List.of("f:kind"), List.of("f:metadata"),
      meta("name"), meta("namespace"), meta("creationTimestamp"), meta("selfLink"), meta("uid"),
      meta("clusterName"), meta("generation"), meta("managedFields"), meta("resourceVersion"));

  private FieldSets() {}

  private static List<String> meta(String field) {
    return List.of("f:metadata", "f:" + field);
  }

  /**
   * The fields of an object from storage: an element of an associative list that lacks its key is
   * named by its index, so that a malformed live object never blocks a write.
   */
  static FieldSet ofLive(JsonNode object, PatchSchema schema) {
    return walk(object, schema, Optional.empty());
  }

  /**
   * The fields of an applied configuration, refusing what server-side apply refuses: an element
   * of an associative list without its key, and duplicate keys (400, worded like Kubernetes'
   * {@code failed to create typed patch object (apps/v1, Kind=Deployment): ...}).
   */
  static FieldSet ofApplied(JsonNode object, PatchSchema schema, String gvk) {
    return walk(object, schema, Optional.of(gvk));
  }

  private static FieldSet walk(JsonNode object, PatchSchema schema, Optional<String> strictFor) {
    Set<List<String>> out = new HashSet<>();
    List<String> path = new ArrayList<>();
    if (object.isObject()) {
      object.fields().forEachRemaining(e -> {
        if (e.getKey().equals("metadata") && e.getValue().isObject()) {
          path.add("f:metadata");
          fields(e.getValue(), schema.field("metadata"), path, out, strictFor, true);
          path.remove(0);
          if (e.getValue().isEmpty()) {
            out.add(List.of("f:metadata"));
          }
        } else {
          descend(e.getKey(), e.getValue(), schema, path, out, strictFor);
        }
      });
    }
    out.removeAll(STRIPPED);
    return FieldSet.of(out);
  }

  private static void fields(JsonNode object, PatchSchema s, List<String> path, Set<List<String>> out,
      Optional<String> strictFor, boolean skipManagedFields) {
    object.fields().forEachRemaining(e -> {
      if (!(skipManagedFields && e.getKey().equals("managedFields"))) {
        descend(e.getKey(), e.getValue(), s, path, out, strictFor);
      }
    });
  }

  private static void descend(String name, JsonNode value, PatchSchema parent, List<String> path,
      Set<List<String>> out, Optional<String> strictFor) {
    path.add(FieldPaths.field(name));
    value(value, parent.field(name), path, out, strictFor);
    if (parent.values().isPresent() && !parent.fields().containsKey(name)) {
      out.add(List.copyOf(path)); // an entry of a map (not a struct field) is a member of its own
    }
    path.remove(path.size() - 1);
  }

  private static void value(JsonNode v, PatchSchema s, List<String> path, Set<List<String>> out,
      Optional<String> strictFor) {
    if (v.isObject()) {
      if (s.atomic() || v.isEmpty()) {
        out.add(List.copyOf(path));
      } else {
        fields(v, s, path, out, strictFor, false);
      }
    } else if (v.isArray()) {
      list(v, s, path, out, strictFor);
    } else {
      out.add(List.copyOf(path));
    }
  }

  private static void list(JsonNode v, PatchSchema s, List<String> path, Set<List<String>> out,
      Optional<String> strictFor) {
    if (s.mapKeys().isEmpty() && !s.setList()) {
      out.add(List.copyOf(path)); // atomic
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      String token;
      if (s.setList()) {
        token = FieldPaths.value(e);
      } else {
        Optional<String> key = FieldPaths.key(e, s.mapKeys());
        if (key.isEmpty() && strictFor.isPresent()) {
          throw typedError(strictFor.get(), FieldPaths.render(path) + ": element " + i + ": "
              + missingKey(e, s.mapKeys()));
        }
        token = key.orElse("i:" + i);
      }
      if (!seen.add(token)) {
        if (strictFor.isPresent()) {
          throw typedError(strictFor.get(), FieldPaths.render(path) + ": duplicate entries for key "
              + FieldPaths.render(List.of(token)));
        }
        continue;
      }
      path.add(token);
      if (!s.setList() && e.isObject()) {
        fields(e, s.items(), path, out, strictFor, false);
      }
      out.add(List.copyOf(path));
      path.remove(path.size() - 1);
    }
  }

  private static String missingKey(JsonNode element, List<PatchSchema.ListMapKey> keys) {
    if (!element.isObject()) {
      return "expected object, got " + Json.goKind(element);
    }
    for (PatchSchema.ListMapKey k : keys) {
      if (!element.has(k.name()) && k.defaultValue().isEmpty()) {
        return "associative list with keys has an element that omits key field \"" + k.name()
            + "\" (and doesn't have default value)";
      }
    }
    return "associative list with keys has an element with a null key";
  }

  private static PatchException typedError(String gvk, String message) {
    return PatchException.badRequest("failed to create typed patch object (" + gvk + "): " + message);
  }
}
