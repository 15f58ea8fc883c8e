package io.capstan.spi.store;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A half-open interval of keys {@code [start, end)} in {@link Bytes} order; an empty {@link #end()}
 * means "no upper bound". Every etcd key range maps onto this shape:
 *
 * <table>
 *   <caption>etcd ranges</caption>
 *   <tr><th>factory</th><th>etcd {@code key}, {@code range_end}</th><th>this record</th></tr>
 *   <tr><td>{@link #key(Bytes)}</td><td>{@code k}, empty</td><td>{@code [k, k+0x00)}</td></tr>
 *   <tr><td>{@link #prefix(Bytes)}</td><td>{@code p}, {@code prefixEnd(p)}</td>
 *       <td>{@code [p, p.prefixEnd())}, unbounded for an all-{@code 0xff} prefix</td></tr>
 *   <tr><td>{@link #between(Bytes, Bytes)}</td><td>{@code a}, {@code b}</td><td>{@code [a, b)}</td></tr>
 *   <tr><td>{@link #fromKey(Bytes)}</td><td>{@code k}, {@code "\0"}</td><td>{@code [k, ∞)}</td></tr>
 *   <tr><td>{@link #all()}</td><td>{@code "\0"}, {@code "\0"}</td><td>{@code [EMPTY, ∞)}</td></tr>
 * </table>
 *
 * <p>{@code end == start} is allowed and matches nothing (a page after the last key can produce
 * it); {@code end < start} is rejected.
 */
public record KeyRange(Bytes start, Optional<Bytes> end) {

  private static final KeyRange ALL = new KeyRange(Bytes.EMPTY, Optional.empty());

  public KeyRange {
    requireNonNull(start, "start");
    requireNonNull(end, "end");
    if (end.isPresent() && end.get().compareTo(start) < 0) {
      throw new IllegalArgumentException(
          "range end " + end.get() + " sorts before its start " + start);
    }
  }

  /** Exactly one key, which must not be empty (etcd forbids empty keys). */
  public static KeyRange key(Bytes key) {
    requireNonEmpty(key);
    return new KeyRange(key, Optional.of(key.successor()));
  }

  /** Every key that starts with {@code prefix}; the empty prefix means all keys. */
  public static KeyRange prefix(Bytes prefix) {
    requireNonNull(prefix, "prefix");
    return new KeyRange(prefix, prefix.prefixEnd());
  }

  /** {@code [start, end)}. */
  public static KeyRange between(Bytes start, Bytes end) {
    return new KeyRange(start, Optional.of(requireNonNull(end, "end")));
  }

  /** Every key greater than or equal to {@code start}. */
  public static KeyRange fromKey(Bytes start) {
    return new KeyRange(start, Optional.empty());
  }

  /** Every key. */
  public static KeyRange all() {
    return ALL;
  }

  /** Whether {@code key} lies in {@code [start, end)}. */
  public boolean contains(Bytes key) {
    requireNonNull(key, "key");
    return key.compareTo(start) >= 0 && (end.isEmpty() || key.compareTo(end.get()) < 0);
  }

  /** True when the range is exactly one key, i.e. it was built by {@link #key(Bytes)}. */
  public boolean isSingleKey() {
    return end.isPresent() && !start.isEmpty() && end.get().equals(start.successor());
  }

  /** True when no key can lie in the range. */
  public boolean isEmpty() {
    return end.isPresent() && end.get().equals(start);
  }

  /**
   * Whether the two ranges share at least one key; used to reject a transaction that writes a key
   * also deleted by a range in the same branch.
   */
  public boolean overlaps(KeyRange other) {
    requireNonNull(other, "other");
    if (isEmpty() || other.isEmpty()) {
      return false;
    }
    boolean otherStartsBeforeMyEnd = end.isEmpty() || other.start.compareTo(end.get()) < 0;
    boolean myStartBeforeOtherEnd = other.end.isEmpty() || start.compareTo(other.end.get()) < 0;
    return otherStartsBeforeMyEnd && myStartBeforeOtherEnd;
  }

  /**
   * The rest of this range after {@code lastKey}: the next page of a paged read. The result starts
   * at {@code lastKey.successor()} (clamped to this range's end), so read it at the same revision as
   * the first page to get one consistent snapshot.
   */
  public KeyRange after(Bytes lastKey) {
    requireNonNull(lastKey, "lastKey");
    Bytes next = lastKey.successor();
    if (next.compareTo(start) < 0) {
      return this;
    }
    if (end.isPresent() && next.compareTo(end.get()) > 0) {
      next = end.get();
    }
    return new KeyRange(next, end);
  }

  static Bytes requireNonEmpty(Bytes key) {
    requireNonNull(key, "key");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("a key must not be empty");
    }
    return key;
  }

  @Override
  public String toString() {
    if (isSingleKey()) {
      return start.toString();
    }
    return "[" + start + ", " + end.map(Bytes::toString).orElse("∞") + ")";
  }
}
