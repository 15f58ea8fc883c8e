package io.capstan.spi.store;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One condition of a {@link TxnRequest}: compare a key's metadata or value with an operand. All
 * compares of a transaction are ANDed, and they see the state just before the transaction.
 *
 * <p>Build with the factories, which read like the sentence they test:
 *
 * <pre>{@code
 * Compare.modRevision(key).equal(rev)   // update-if-unchanged (Kubernetes' GuaranteedUpdate)
 * Compare.absent(key)                   // create-if-absent: createRevision == 0
 * Compare.value(key).notEqual(Bytes.utf8("locked"))
 * }</pre>
 *
 * <p>Semantics are etcd's ({@code applyCompare}): a key that does not exist compares as if its
 * version, createRevision, modRevision and lease were 0, except that a {@link Target#VALUE}
 * compare on an absent key is always false whatever the operator. Values compare in {@link
 * Bytes} order. Use {@link #test(Optional)} to evaluate, so every plugin agrees.
 *
 * @param key the key to look at (etcd's range compares are not offered)
 * @param target which attribute of the key
 * @param operator how to compare the attribute with the operand
 * @param number the operand for every target except {@link Target#VALUE}; 0 for VALUE
 * @param value the operand for {@link Target#VALUE}; {@link Bytes#EMPTY} for the others
 */
public record Compare(Bytes key, Target target, Operator operator, long number, Bytes value) {

  /** The attribute compared; etcd's {@code Compare.CompareTarget}. */
  public enum Target { VERSION, CREATE, MOD, VALUE, LEASE }

  /** etcd's {@code Compare.CompareResult}: the attribute is {@code op} the operand. */
  public enum Operator { EQUAL, NOT_EQUAL, GREATER, LESS }

  public Compare {
    KeyRange.requireNonEmpty(key);
    requireNonNull(target, "target");
    requireNonNull(operator, "operator");
    requireNonNull(value, "value");
    if (target == Target.VALUE && number != 0) {
      throw new IllegalArgumentException("a VALUE compare takes a Bytes operand, not a number");
    }
    if (target != Target.VALUE && !value.isEmpty()) {
      throw new IllegalArgumentException("a " + target + " compare takes a number, not Bytes");
    }
  }

  public static NumberCompare version(Bytes key) {
    return new NumberCompare(key, Target.VERSION);
  }

  public static NumberCompare createRevision(Bytes key) {
    return new NumberCompare(key, Target.CREATE);
  }

  public static NumberCompare modRevision(Bytes key) {
    return new NumberCompare(key, Target.MOD);
  }

  public static NumberCompare lease(Bytes key) {
    return new NumberCompare(key, Target.LEASE);
  }

  public static ValueCompare value(Bytes key) {
    return new ValueCompare(key);
  }

  /** The key does not exist: {@code createRevision == 0}. */
  public static Compare absent(Bytes key) {
    return createRevision(key).equal(0);
  }

  /** The key exists: {@code createRevision > 0}. */
  public static Compare present(Bytes key) {
    return createRevision(key).greater(0);
  }

  /**
   * Evaluates this compare against the key's current state.
   *
   * @param current the entry for {@link #key()} at the revision the transaction reads, or empty if
   *     the key does not exist there
   * @throws IllegalArgumentException if {@code current} holds a different key
   */
  public boolean test(Optional<KeyValue> current) {
    requireNonNull(current, "current");
    if (current.isPresent() && !current.get().key().equals(key)) {
      throw new IllegalArgumentException(
          "compare on " + key + " evaluated against " + current.get().key());
    }
    if (target == Target.VALUE) {
      return current.isPresent() && holds(current.get().value().compareTo(value));
    }
    long actual = current.map(this::attribute).orElse(0L);
    return holds(Long.compare(actual, number));
  }

  private long attribute(KeyValue kv) {
    return switch (target) {
      case VERSION -> kv.version();
      case CREATE -> kv.createRevision();
      case MOD -> kv.modRevision();
      case LEASE -> kv.lease();
      case VALUE -> throw new AssertionError("VALUE is not numeric");
    };
  }

  private boolean holds(int comparison) {
    return switch (operator) {
      case EQUAL -> comparison == 0;
      case NOT_EQUAL -> comparison != 0;
      case GREATER -> comparison > 0;
      case LESS -> comparison < 0;
    };
  }

  @Override
  public String toString() {
    String operand = target == Target.VALUE ? value.toString() : Long.toString(number);
    return target + "(" + key + ") " + operator + " " + operand;
  }

  /** The second half of {@code Compare.modRevision(key).equal(rev)}. */
  public static final class NumberCompare {
    private final Bytes key;
    private final Target target;

    private NumberCompare(Bytes key, Target target) {
      this.key = KeyRange.requireNonEmpty(key);
      this.target = target;
    }

    public Compare equal(long operand) {
      return new Compare(key, target, Operator.EQUAL, operand, Bytes.EMPTY);
    }

    public Compare notEqual(long operand) {
      return new Compare(key, target, Operator.NOT_EQUAL, operand, Bytes.EMPTY);
    }

    public Compare greater(long operand) {
      return new Compare(key, target, Operator.GREATER, operand, Bytes.EMPTY);
    }

    public Compare less(long operand) {
      return new Compare(key, target, Operator.LESS, operand, Bytes.EMPTY);
    }
  }

  /** The second half of {@code Compare.value(key).equal(bytes)}. */
  public static final class ValueCompare {
    private final Bytes key;

    private ValueCompare(Bytes key) {
      this.key = KeyRange.requireNonEmpty(key);
    }

    public Compare equal(Bytes operand) {
      return new Compare(key, Target.VALUE, Operator.EQUAL, 0, operand);
    }

    public Compare notEqual(Bytes operand) {
      return new Compare(key, Target.VALUE, Operator.NOT_EQUAL, 0, operand);
    }

    public Compare greater(Bytes operand) {
      return new Compare(key, Target.VALUE, Operator.GREATER, 0, operand);
    }

    public Compare less(Bytes operand) {
      return new Compare(key, Target.VALUE, Operator.LESS, 0, operand);
    }
  }
}
