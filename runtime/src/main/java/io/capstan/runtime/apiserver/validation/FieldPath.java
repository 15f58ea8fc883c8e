package io.capstan.runtime.apiserver.validation;

import static java.util.Objects.requireNonNull;

/**
 * A path to a field written the way Kubernetes' {@code field.Path} prints it:
 * {@code spec.template.spec.containers[0].image}, {@code metadata.labels},
 * {@code data[app.properties]} (map keys in brackets, unquoted). Immutable; each step returns a new
 * path that shares its parent.
 */
public final class FieldPath {

  private final FieldPath parent;
  private final String text;

  private FieldPath(FieldPath parent, String text) {
    this.parent = parent;
    this.text = text;
  }

  /** A path starting at a top-level field ({@code metadata}, {@code spec}). */
  public static FieldPath root(String name) {
    return new FieldPath(null, requireNonNull(name, "name"));
  }

  /** A path of several names: {@code of("spec", "template")} is {@code spec.template}. */
  public static FieldPath of(String first, String... more) {
    FieldPath path = root(first);
    for (String name : more) {
      path = path.child(name);
    }
    return path;
  }

  /** The field {@code name} under this one. */
  public FieldPath child(String name) {
    requireNonNull(name, "name");
    return new FieldPath(this, text.isEmpty() ? name : text + "." + name);
  }

  /** Several nested fields: {@code child("spec", "restartPolicy")}. */
  public FieldPath child(String name, String... more) {
    FieldPath path = child(name);
    for (String next : more) {
      path = path.child(next);
    }
    return path;
  }

  /** The list item at {@code index}. */
  public FieldPath index(int index) {
    return new FieldPath(this, text + "[" + index + "]");
  }

  /** The map entry at {@code key}, printed unquoted as Kubernetes does. */
  public FieldPath key(String key) {
    requireNonNull(key, "key");
    return new FieldPath(this, text + "[" + key + "]");
  }

  /** The path one step up, or this path when it is a root. */
  public FieldPath parent() {
    return parent == null ? this : parent;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldPath other && text.equals(other.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
