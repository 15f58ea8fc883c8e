package io.capstan.runtime.apiserver.patch;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.apiserver.patch.PatchSchema.ListMapKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link PatchSchema} from dotted paths, so that a kind's table reads like the struct
 * tags it comes from:
 *
 * <pre>{@code
 * PatchSchema.builder()
 *     .mergeList("spec.containers", "name")
 *     .mergeList("spec.containers[].ports", "containerPort", "containerPort", "protocol=TCP")
 *     .setList("metadata.finalizers")
 *     .include("spec.template", podTemplate)
 *     .build();
 * }</pre>
 *
 * <p>A path is field names separated by dots; {@code []} after a name steps into the list's
 * elements; {@code *} stands for every key of a map. Not thread-safe; {@link #build()} copies.
 */
public final class PatchSchemaBuilder {

  private final Node root = new Node();

  PatchSchemaBuilder() {}

  /**
   * A list strategic merge patch merges by {@code mergeKey}, which server-side apply also keys by
   * unless {@code mapKeys} name its keys ({@code "protocol=TCP"} gives a key with a default).
   */
  public PatchSchemaBuilder mergeList(String path, String mergeKey, String... mapKeys) {
    Node n = node(path);
    n.mergeList = true;
    n.mergeKey = requireNonNull(mergeKey, "mergeKey");
    n.mapKeys = keys(mapKeys.length == 0 ? new String[] {mergeKey} : mapKeys);
    return this;
  }

  /** A list of primitives merged as a set by both patch strategies ({@code finalizers}). */
  public PatchSchemaBuilder setList(String path) {
    Node n = node(path);
    n.mergeList = true;
    n.mergeKey = "";
    n.setList = true;
    return this;
  }

  /** A list only server-side apply keys ({@code listType=map} without a patch strategy). */
  public PatchSchemaBuilder mapList(String path, String... mapKeys) {
    if (mapKeys.length == 0) {
      throw new IllegalArgumentException("an associative list needs a key: " + path);
    }
    node(path).mapKeys = keys(mapKeys);
    return this;
  }

  /** {@code patchStrategy:"retainKeys"} on the field at {@code path}. */
  public PatchSchemaBuilder retainKeys(String path) {
    node(path).retainKeys = true;
    return this;
  }

  /** {@code patchStrategy:"replace"}: strategic merge patch replaces the object whole. */
  public PatchSchemaBuilder replace(String path) {
    node(path).replace = true;
    return this;
  }

  /** {@code structType=atomic}: server-side apply owns the object whole ({@code LabelSelector}). */
  public PatchSchemaBuilder atomic(String path) {
    node(path).atomic = true;
    return this;
  }

  /** Grafts {@code schema} at {@code path} ({@code ""} for the root), merging with what is there. */
  public PatchSchemaBuilder include(String path, PatchSchema schema) {
    node(path).graft(requireNonNull(schema, "schema"));
    return this;
  }

  /** The immutable schema. */
  public PatchSchema build() {
    return root.build();
  }

  static List<String> segments(String path) {
    requireNonNull(path, "path");
    List<String> out = new ArrayList<>();
    if (path.isEmpty()) {
      return out;
    }
    for (String part : path.split("\\.", -1)) {
      if (part.isEmpty()) {
        throw new IllegalArgumentException("empty segment in schema path '" + path + "'");
      }
      String name = part;
      int lists = 0;
      while (name.endsWith("[]")) {
        name = name.substring(0, name.length() - 2);
        lists++;
      }
      if (!name.isEmpty()) {
        out.add(name);
      }
      for (int i = 0; i < lists; i++) {
        out.add("[]");
      }
    }
    return out;
  }

  private static List<ListMapKey> keys(String... specs) {
    List<ListMapKey> out = new ArrayList<>();
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      out.add(eq < 0 ? new ListMapKey(spec, Optional.empty())
          : new ListMapKey(spec.substring(0, eq), Optional.of(spec.substring(eq + 1))));
    }
    return out;
  }

  private Node node(String path) {
    Node n = root;
    for (String segment : segments(path)) {
      n = n.child(segment);
    }
    return n;
  }

  /** Mutable twin of {@link PatchSchema}; {@code "[]"} and {@code "*"} are child names. */
  private static final class Node {
    private final Map<String, Node> children = new LinkedHashMap<>();
    private boolean mergeList;
    private String mergeKey = "";
    private boolean replace;
    private boolean retainKeys;
    private List<ListMapKey> mapKeys = List.of();
    private boolean setList;
    private boolean atomic;

    Node child(String name) {
      return children.computeIfAbsent(name, n -> new Node());
    }

    void graft(PatchSchema s) {
      mergeList |= s.mergeList();
      mergeKey = s.mergeKey().isEmpty() ? mergeKey : s.mergeKey();
      replace |= s.replace();
      retainKeys |= s.retainKeys();
      mapKeys = s.mapKeys().isEmpty() ? mapKeys : s.mapKeys();
      setList |= s.setList();
      atomic |= s.atomic();
      s.fields().forEach((k, v) -> child(k).graft(v));
      s.values().ifPresent(v -> child("*").graft(v));
      s.itemSchema().ifPresent(v -> child("[]").graft(v));
    }

    PatchSchema build() {
      Map<String, PatchSchema> fields = new LinkedHashMap<>();
      children.forEach((k, v) -> {
        if (!k.equals("[]") && !k.equals("*")) {
          fields.put(k, v.build());
        }
      });
      Optional<PatchSchema> values = Optional.ofNullable(children.get("*")).map(Node::build);
      Optional<PatchSchema> items = Optional.ofNullable(children.get("[]")).map(Node::build);
      return new PatchSchema(fields, values, items, mergeList, mergeKey, replace, retainKeys, mapKeys, setList,
          atomic);
    }
  }
}
