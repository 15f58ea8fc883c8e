package io.capstan.runtime.apiserver.patch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A set of owned field paths ({@link FieldPaths}), and its {@code FieldsV1} form: a tree of
 * tokens where {@code {}} marks an owned leaf and {@code ".": {}} marks an owned node that also
 * has owned children ({@code {"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},
 * "f:image":{}}}}}}). Immutable.
 */
final class FieldSet {

  static final FieldSet EMPTY = new FieldSet(new TreeSet<>(FieldPaths.PATH_ORDER));

  private final NavigableSet<List<String>> paths;

  private FieldSet(NavigableSet<List<String>> paths) {
    this.paths = Collections.unmodifiableNavigableSet(paths);
  }

  static FieldSet of(Collection<List<String>> paths) {
    TreeSet<List<String>> set = new TreeSet<>(FieldPaths.PATH_ORDER);
    paths.forEach(p -> set.add(List.copyOf(p)));
    return new FieldSet(set);
  }

  /** The set a {@code fieldsV1} tree describes; anything that is not an object is an empty set. */
  static FieldSet fromFieldsV1(JsonNode tree) {
    List<List<String>> out = new ArrayList<>();
    if (tree != null && tree.isObject()) {
      read(tree, new ArrayList<>(), out);
    }
    return of(out);
  }

  private static void read(JsonNode node, List<String> path, List<List<String>> out) {
    node.fields().forEachRemaining(e -> {
      if (e.getKey().equals(".")) {
        out.add(List.copyOf(path));
        return;
      }
      path.add(e.getKey());
      if (!e.getValue().isObject() || e.getValue().isEmpty()) {
        out.add(List.copyOf(path));
      } else {
        read(e.getValue(), path, out);
      }
      path.remove(path.size() - 1);
    });
  }

  /** The {@code fieldsV1} tree, tokens sorted as structured-merge-diff writes them. */
  ObjectNode toFieldsV1() {
    Tree root = new Tree();
    for (List<String> p : paths) {
      Tree t = root;
      for (String token : p) {
        t = t.children.computeIfAbsent(token, k -> new Tree());
      }
      t.member = true;
    }
    return root.write();
  }

  private static final class Tree {
    private final Map<String, Tree> children = new TreeMap<>(FieldPaths.TOKEN_ORDER);
    private boolean member;

    ObjectNode write() {
      ObjectNode o = Json.NODES.objectNode();
      if (member && !children.isEmpty()) {
        o.set(".", Json.NODES.objectNode());
      }
      children.forEach((k, v) -> o.set(k, v.write()));
      return o;
    }
  }

  boolean contains(List<String> path) {
    return paths.contains(path);
  }

  /** True when some path of the set extends {@code path} (is below it). */
  boolean hasDescendant(List<String> path) {
    List<String> next = paths.higher(path);
    return next != null && next.size() > path.size() && next.subList(0, path.size()).equals(path);
  }

  boolean isEmpty() {
    return paths.isEmpty();
  }

  int size() {
    return paths.size();
  }

  /** The paths, in order. */
  NavigableSet<List<String>> paths() {
    return paths;
  }

  FieldSet union(FieldSet other) {
    TreeSet<List<String>> set = new TreeSet<>(paths);
    set.addAll(requireNonNull(other, "other").paths);
    return new FieldSet(set);
  }

  FieldSet minus(FieldSet other) {
    TreeSet<List<String>> set = new TreeSet<>(paths);
    set.removeAll(requireNonNull(other, "other").paths);
    return new FieldSet(set);
  }

  FieldSet intersect(FieldSet other) {
    TreeSet<List<String>> set = new TreeSet<>(paths);
    set.retainAll(requireNonNull(other, "other").paths);
    return new FieldSet(set);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldSet f && paths.equals(f.paths);
  }

  @Override
  public int hashCode() {
    return paths.hashCode();
  }

  @Override
  public String toString() {
    return paths.stream().map(FieldPaths::render).toList().toString();
  }
}
