package io.capstan.spi.store;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The outcome of a {@link TxnRequest}.
 *
 * @param succeeded true if every compare held and the success branch ran
 * @param results one result per op of the branch that ran, in order
 * @param revision the header revision: the revision this transaction wrote at if it changed
 *     anything, otherwise the store's current revision when it was evaluated. Every key it wrote has
 *     this {@code modRevision}.
 */
public record TxnResult(boolean succeeded, List<OpResult> results, long revision) {

  public TxnResult {
    results = List.copyOf(requireNonNull(results, "results"));
    if (revision < 0) {
      throw new IllegalArgumentException("revision must be >= 0, was " + revision);
    }
  }

  /**
   * The result at {@code index}, cast to the type its op produces.
   *
   * @throws IllegalStateException if the result there has another type (the caller's ops and its
   *     reading of the results disagree)
   */
  public <T extends OpResult> T result(int index, Class<T> type) {
    OpResult r = results.get(index);
    if (!type.isInstance(r)) {
      throw new IllegalStateException("result " + index + " is a " + r.getClass().getSimpleName()
          + ", not a " + type.getSimpleName());
    }
    return type.cast(r);
  }

  /** Shorthand for {@code result(index, RangeResult.class)}. */
  public RangeResult rangeResult(int index) {
    return result(index, RangeResult.class);
  }
}
