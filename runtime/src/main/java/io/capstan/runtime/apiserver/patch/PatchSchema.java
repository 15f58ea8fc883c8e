package io.capstan.runtime.apiserver.patch;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the patch algorithms need to know about one node of an object: how a list merges, by which
 * key, and whether a struct is replaced as a whole. A tree that mirrors the object; a node knows
 * only the fields that differ from the default, so most of an object walks through
 * {@link #EMPTY}. Immutable; build one with {@link #builder()}.
 *
 * <p>The defaults are JSON merge patch's: objects merge field by field, lists are replaced. That is
 * also what a custom resource gets, since Kubernetes has no strategic patch metadata for it.
 *
 * <p>Two vocabularies are kept apart because Kubernetes keeps them apart:
 * <ul>
 *   <li>strategic merge patch reads the Go struct tags {@code patchStrategy:"merge"} and
 *       {@code patchMergeKey} ({@link #mergeList()}, {@link #mergeKey()}), plus
 *       {@code patchStrategy:"replace"} and {@code "retainKeys"};
 *   <li>server-side apply reads {@code +listType=map|set|atomic}, {@code +listMapKey} and
 *       {@code +structType=atomic} ({@link #mapKeys()}, {@link #setList()}, {@link #atomic()}),
 *       which may name more keys ({@code ports} merge by {@code containerPort} but are keyed by
 *       {@code containerPort} and {@code protocol}).
 * </ul>
 */
public final class PatchSchema {

  /** The schema of a node nothing is known about: merge-patch semantics, atomic lists. */
  public static final PatchSchema EMPTY = new PatchSchema(Map.of(), Optional.empty(), Optional.empty(), false, "",
      false, false, List.of(), false, false);

  /**
   * One key of a server-side-apply associative list, with the value the API server defaults it
   * to (Kubernetes defaults {@code protocol} to {@code TCP}, so an applied port without a protocol
   * still has a complete key).
   */
  public record ListMapKey(String name, Optional<String> defaultValue) {
    public ListMapKey {
      requireNonNull(name, "name");
      requireNonNull(defaultValue, "defaultValue");
    }
  }

  private final Map<String, PatchSchema> fields;
  private final Optional<PatchSchema> values;
  private final Optional<PatchSchema> items;
  private final boolean mergeList;
  private final String mergeKey;
  private final boolean replace;
  private final boolean retainKeys;
  private final List<ListMapKey> mapKeys;
  private final boolean setList;
  private final boolean atomic;

  PatchSchema(Map<String, PatchSchema> fields, Optional<PatchSchema> values, Optional<PatchSchema> items,
      boolean mergeList, String mergeKey, boolean replace, boolean retainKeys, List<ListMapKey> mapKeys,
      boolean setList, boolean atomic) {
    this.fields = new TreeMap<>(fields);
    this.values = values;
    this.items = items;
    this.mergeList = mergeList;
    this.mergeKey = mergeKey;
    this.replace = replace;
    this.retainKeys = retainKeys;
    this.mapKeys = List.copyOf(mapKeys);
    this.setList = setList;
    this.atomic = atomic;
  }

  /** A builder that takes dotted paths ({@code spec.template.spec.containers[].env}). */
  public static PatchSchemaBuilder builder() {
    return new PatchSchemaBuilder();
  }

  /** The schema of field {@code name} of this object (or of any value, for a map), or {@link #EMPTY}. */
  public PatchSchema field(String name) {
    PatchSchema f = fields.get(requireNonNull(name, "name"));
    return f != null ? f : values.orElse(EMPTY);
  }

  /** The schema of this list's elements, or {@link #EMPTY}. */
  public PatchSchema items() {
    return items.orElse(EMPTY);
  }

  /** The schema at a dotted path ({@code spec.containers[].ports}), {@link #EMPTY} where unknown. */
  public PatchSchema at(String path) {
    PatchSchema s = this;
    for (String segment : PatchSchemaBuilder.segments(path)) {
      s = segment.equals("[]") ? s.items() : s.field(segment);
    }
    return s;
  }

  /** True when strategic merge patch merges this list ({@code patchStrategy:"merge"}). */
  public boolean mergeList() {
    return mergeList;
  }

  /** The strategic merge key of a list of objects ({@code patchMergeKey}); empty for primitives. */
  public String mergeKey() {
    return mergeKey;
  }

  /** True when strategic merge patch replaces this object instead of merging it. */
  public boolean replace() {
    return replace;
  }

  /** True when the field carries {@code patchStrategy:"retainKeys"} (documentation: the directive works anyway). */
  public boolean retainKeys() {
    return retainKeys;
  }

  /** The keys of a server-side-apply associative list ({@code listType=map}); empty otherwise. */
  public List<ListMapKey> mapKeys() {
    return mapKeys;
  }

  /** True for a server-side-apply set of primitives ({@code listType=set}). */
  public boolean setList() {
    return setList;
  }

  /** True when server-side apply owns this struct as a whole ({@code structType=atomic}). */
  public boolean atomic() {
    return atomic;
  }

  /** True when nothing is known below this node. */
  public boolean isEmpty() {
    return this == EMPTY || (fields.isEmpty() && values.isEmpty() && items.isEmpty() && !mergeList && !replace
        && !retainKeys && mapKeys.isEmpty() && !setList && !atomic);
  }

  Map<String, PatchSchema> fields() {
    return fields;
  }

  Optional<PatchSchema> values() {
    return values;
  }

  Optional<PatchSchema> itemSchema() {
    return items;
  }

  /** An indented outline of the non-default nodes, for debugging and test failures. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    describe(b, "", "");
    return b.toString();
  }

  private void describe(StringBuilder b, String indent, String name) {
    StringBuilder flags = new StringBuilder();
    if (mergeList) {
      flags.append(" merge").append(mergeKey.isEmpty() ? "" : "(" + mergeKey + ")");
    }
    if (!mapKeys.isEmpty()) {
      flags.append(" map").append(mapKeys.stream().map(ListMapKey::name).toList());
    }
    flags.append(setList ? " set" : "").append(atomic ? " atomic" : "").append(replace ? " replace" : "")
        .append(retainKeys ? " retainKeys" : "");
    if (!name.isEmpty()) {
      b.append(indent).append(name).append(flags).append('\n');
    }
    String next = name.isEmpty() ? indent : indent + "  ";
    fields.forEach((k, v) -> v.describe(b, next, k));
    values.ifPresent(v -> v.describe(b, next, "*"));
    items.ifPresent(v -> v.describe(b, next, "[]"));
  }
}
