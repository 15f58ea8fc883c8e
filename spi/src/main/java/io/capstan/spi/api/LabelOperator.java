package io.capstan.spi.api;

import java.util.Optional;

/**
 * The operators of a label selector requirement, with Kubernetes' {@code selection.Operator} text
 * and, where one exists, the name a {@code LabelSelector}'s {@code matchExpressions} use.
 */
public enum LabelOperator {
  IN("in", "In"),
  NOT_IN("notin", "NotIn"),
  EQUALS("=", null),
  DOUBLE_EQUALS("==", null),
  NOT_EQUALS("!=", null),
  EXISTS("exists", "Exists"),
  DOES_NOT_EXIST("!", "DoesNotExist"),
  /** Integer comparison, string form only ({@code replicas>1}). */
  GREATER_THAN("gt", null),
  /** Integer comparison, string form only ({@code replicas<5}). */
  LESS_THAN("lt", null);

  private final String symbol;
  private final String expressionName;

  LabelOperator(String symbol, String expressionName) {
    this.symbol = symbol;
    this.expressionName = expressionName;
  }

  /** Kubernetes' operator text ({@code in}, {@code =}, {@code !}, {@code gt}, ...). */
  public String symbol() {
    return symbol;
  }

  /** The {@code matchExpressions} operator name, absent for operators that have none. */
  public Optional<String> expressionName() {
    return Optional.ofNullable(expressionName);
  }

  /** The operator named {@code name} in a {@code matchExpressions} entry (case-sensitive). */
  static Optional<LabelOperator> fromExpressionName(String name) {
    for (LabelOperator op : values()) {
      if (name != null && name.equals(op.expressionName)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }
}
