package io.capstan.spi.api;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One term of a field selector: {@code field=value} or {@code field!=value}. A field missing from
 * the object's field set counts as the empty string, so {@code spec.nodeName=} selects unscheduled
 * pods, as in Kubernetes. Immutable.
 *
 * @param field the field path, e.g. {@code spec.nodeName}
 * @param negated true for {@code !=}
 * @param value the value compared with, already unescaped
 */
public record FieldRequirement(String field, boolean negated, String value) implements Comparable<FieldRequirement> {

  public FieldRequirement {
    requireNonNull(field, "field");
    requireNonNull(value, "value");
    if (field.isEmpty()) {
      throw new IllegalArgumentException("invalid field requirement: the field name is empty");
    }
  }

  /** Whether the object with field values {@code fields} satisfies this term. */
  public boolean matches(Map<String, String> fields) {
    requireNonNull(fields, "fields");
    return fields.getOrDefault(field, "").equals(value) != negated;
  }

  @Override
  public int compareTo(FieldRequirement other) {
    return toString().compareTo(other.toString());
  }

  /** Kubernetes' text, {@code ==} written as {@code =}, and {@code \ , =} in the value escaped. */
  @Override
  public String toString() {
    String escaped = value.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
    return field + (negated ? "!=" : "=") + escaped;
  }
}
