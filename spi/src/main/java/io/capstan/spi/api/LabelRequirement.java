package io.capstan.spi.api;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One condition of a label selector: a key, an operator and its values, validated on construction
 * as Kubernetes' {@code labels.NewRequirement}: the key must be a qualified name, every value a
 * valid label value; {@code in}/{@code notin} need at least one value (the empty string counts),
 * {@code =}, {@code ==}, {@code !=} exactly one, {@code gt}/{@code lt} exactly one integer, and
 * {@code exists}/{@code !} none. Values are kept sorted and without duplicates. Immutable.
 *
 * @param key the label key
 * @param operator how the label's value is tested
 * @param values the operand values, sorted, without duplicates
 * @throws IllegalArgumentException listing every problem at once
 */
public record LabelRequirement(String key, LabelOperator operator, List<String> values)
    implements Comparable<LabelRequirement> {

  public LabelRequirement {
    requireNonNull(key, "key");
    requireNonNull(operator, "operator");
    requireNonNull(values, "values");
    values = List.copyOf(new TreeSet<>(values));
    List<String> errors = new ArrayList<>();
    LabelValidation.qualifiedNameErrors(key).forEach(e -> errors.add("key '" + key + "': " + e));
    switch (operator) {
      case IN, NOT_IN -> {
        if (values.isEmpty()) {
          errors.add("for 'in', 'notin' operators, values set can't be empty");
        }
      }
      case EQUALS, DOUBLE_EQUALS, NOT_EQUALS -> {
        if (values.size() != 1) {
          errors.add("exact-match compatibility requires one single value");
        }
      }
      case EXISTS, DOES_NOT_EXIST -> {
        if (!values.isEmpty()) {
          errors.add("values set must be empty for exists and does not exist");
        }
      }
      case GREATER_THAN, LESS_THAN -> {
        if (values.size() != 1) {
          errors.add("for 'Gt', 'Lt' operators, exactly one value is required");
        }
        values.stream().filter(v -> parseLong(v) == null).forEach(v ->
            errors.add("for 'Gt', 'Lt' operators, the value must be an integer, not '" + v + "'"));
      }
      default -> throw new AssertionError(operator);
    }
    for (String value : values) {
      LabelValidation.labelValueErrors(value).forEach(e -> errors.add("value '" + value + "': " + e));
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("invalid label requirement on '" + key + "': " + String.join("; ", errors));
    }
  }

  /** {@code key=value}. */
  public static LabelRequirement equalTo(String key, String value) {
    return new LabelRequirement(key, LabelOperator.EQUALS, List.of(value));
  }

  /** {@code key!=value}. */
  public static LabelRequirement notEqualTo(String key, String value) {
    return new LabelRequirement(key, LabelOperator.NOT_EQUALS, List.of(value));
  }

  /** {@code key in (values)}. */
  public static LabelRequirement in(String key, String... values) {
    return new LabelRequirement(key, LabelOperator.IN, List.of(values));
  }

  /** {@code key notin (values)}. */
  public static LabelRequirement notIn(String key, String... values) {
    return new LabelRequirement(key, LabelOperator.NOT_IN, List.of(values));
  }

  /** {@code key}: the label is present, whatever its value. */
  public static LabelRequirement exists(String key) {
    return new LabelRequirement(key, LabelOperator.EXISTS, List.of());
  }

  /** {@code !key}: the label is absent. */
  public static LabelRequirement doesNotExist(String key) {
    return new LabelRequirement(key, LabelOperator.DOES_NOT_EXIST, List.of());
  }

  /**
   * Whether {@code labels} satisfy this requirement, as Kubernetes' {@code Requirement.Matches}:
   * {@code notin} and {@code !=} hold when the label is absent; {@code gt}/{@code lt} fail when the
   * label is absent or not an integer.
   */
  public boolean matches(Map<String, String> labels) {
    requireNonNull(labels, "labels");
    boolean has = labels.containsKey(key);
    String value = labels.get(key);
    return switch (operator) {
      case IN, EQUALS, DOUBLE_EQUALS -> has && values.contains(value);
      case NOT_IN, NOT_EQUALS -> !has || !values.contains(value);
      case EXISTS -> has;
      case DOES_NOT_EXIST -> !has;
      case GREATER_THAN, LESS_THAN -> {
        Long actual = has ? parseLong(value) : null;
        long bound = parseLong(values.get(0));
        yield actual != null && (operator == LabelOperator.GREATER_THAN ? actual > bound : actual < bound);
      }
    };
  }

  /** Orders by key, then by text, so that a selector's canonical text is deterministic. */
  @Override
  public int compareTo(LabelRequirement other) {
    int byKey = key.compareTo(other.key);
    return byKey != 0 ? byKey : toString().compareTo(other.toString());
  }

  /** Kubernetes' text: {@code k=v}, {@code k==v}, {@code k!=v}, {@code k in (a,b)}, {@code !k}, {@code k>1}. */
  @Override
  public String toString() {
    String joined = String.join(",", values);
    return switch (operator) {
      case EQUALS -> key + "=" + joined;
      case DOUBLE_EQUALS -> key + "==" + joined;
      case NOT_EQUALS -> key + "!=" + joined;
      case IN -> key + " in (" + joined + ")";
      case NOT_IN -> key + " notin (" + joined + ")";
      case EXISTS -> key;
      case DOES_NOT_EXIST -> "!" + key;
      case GREATER_THAN -> key + ">" + joined;
      case LESS_THAN -> key + "<" + joined;
    };
  }

  private static Long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
