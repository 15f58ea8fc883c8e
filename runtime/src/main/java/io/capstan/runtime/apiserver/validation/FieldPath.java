package io.capstan.runtime.apiserver.validation;

import static java.util.Objects.requireNonNull;

/**
 * A path to a field written the way Kubernetes' {@code field.Path} prints it:
 * {@code spec.template.spec.containers[0].image}, {@code metadata.labels},
 * {@code data[app.properties]} (map keys in brackets, unquoted). Immutable; each step returns a new
 * path that shares its parent.
 */
public final class FieldPath {

  /**
   * How this step is printed after its parent's text. The text itself is built only when asked
   * for ({@link #toString}): validation walks every field of every object it checks, and the path
   * of a field is needed only when it has an error (building it eagerly was most of validation's
   * allocation).
   */
  private enum Step { ROOT, FIELD, INDEX, KEY }

  private final FieldPath parent;
  private final Step step;
  private final String name;
  private final int index;
  private String text;

  private FieldPath(FieldPath parent, Step step, String name, int index) {
    this.parent = parent;
    this.step = step;
    this.name = name;
    this.index = index;
  }

  /** A path starting at a top-level field ({@code metadata}, {@code spec}). */
  public static FieldPath root(String name) {
    return new FieldPath(null, Step.ROOT, requireNonNull(name, "name"), 0);
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
    return new FieldPath(this, Step.FIELD, requireNonNull(name, "name"), 0);
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
    return new FieldPath(this, Step.INDEX, null, index);
  }

  /** The map entry at {@code key}, printed unquoted as Kubernetes does. */
  public FieldPath key(String key) {
    return new FieldPath(this, Step.KEY, requireNonNull(key, "key"), 0);
  }

  /** The path one step up, or this path when it is a root. */
  public FieldPath parent() {
    return parent == null ? this : parent;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldPath other && toString().equals(other.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  @Override
  public String toString() {
    String t = text;
    if (t == null) {
      t = switch (step) {
        case ROOT -> name;
        case FIELD -> parent.toString().isEmpty() ? name : parent + "." + name;
        case INDEX -> parent + "[" + index + "]";
        case KEY -> parent + "[" + name + "]";
      };
      text = t;
    }
    return t;
  }
}
