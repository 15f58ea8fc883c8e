package io.capstan.spi.store;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An atomic if/then/else: if every compare holds (ANDed, against the state before the transaction)
 * the {@code success} ops run, otherwise the {@code failure} ops run, in order.
 *
 * <pre>{@code
 * // Kubernetes' optimistic update: write if unchanged, otherwise hand back the current object.
 * TxnRequest.when(Compare.modRevision(key).equal(rev))
 *     .then(Op.put(key, newValue))
 *     .otherwise(Op.get(key));
 * }</pre>
 *
 * <p>Validated on construction, as etcd does, separately for each branch: a branch may not put the
 * same key twice, and may not put a key that one of its deletes also covers ("a txn may not touch
 * the same key twice"). Deletes may overlap each other and reads may touch anything. Violations
 * throw {@link IllegalArgumentException}, so an invalid transaction never reaches a store.
 */
public record TxnRequest(List<Compare> compares, List<Op> success, List<Op> failure) {

  public TxnRequest {
    compares = List.copyOf(requireNonNull(compares, "compares"));
    success = List.copyOf(requireNonNull(success, "success"));
    failure = List.copyOf(requireNonNull(failure, "failure"));
    checkBranch("success", success);
    checkBranch("failure", failure);
  }

  /** An unconditional transaction: the ops always run. */
  public static TxnRequest of(Op... ops) {
    return new TxnRequest(List.of(), List.of(ops), List.of());
  }

  /** Starts a conditional transaction; finish it with {@link Builder#then}. */
  public static Builder when(Compare... compares) {
    return new Builder(List.of(compares));
  }

  /** Whether either branch contains a write; a transaction without one never raises the revision. */
  public boolean hasWrites() {
    return success.stream().anyMatch(Op::isWrite) || failure.stream().anyMatch(Op::isWrite);
  }

  private static void checkBranch(String branch, List<Op> ops) {
    Set<Bytes> putKeys = new HashSet<>();
    List<KeyRange> deletes = new ArrayList<>();
    for (Op op : ops) {
      requireNonNull(op, "op");
      if (op instanceof Op.Put put) {
        if (!putKeys.add(put.key())) {
          throw new IllegalArgumentException(
              "the " + branch + " branch puts key " + put.key() + " twice; a txn may not touch"
                  + " the same key twice");
        }
      } else if (op instanceof Op.Delete delete) {
        deletes.add(delete.range());
      }
    }
    for (KeyRange range : deletes) {
      for (Bytes key : putKeys) {
        if (range.contains(key)) {
          throw new IllegalArgumentException(
              "the " + branch + " branch both puts " + key + " and deletes it (range " + range
                  + "); a txn may not touch the same key twice");
        }
      }
    }
  }

  /** The half-built {@code when(...).then(...)}. */
  public static final class Builder {
    private final List<Compare> compares;

    private Builder(List<Compare> compares) {
      this.compares = compares;
    }

    /** The ops to run when every compare holds; chain {@link Then#otherwise} for the else branch. */
    public Then then(Op... ops) {
      return new Then(compares, List.of(ops));
    }
  }

  /** {@code when(...).then(...)}, complete with {@link #build()} or {@link #otherwise}. */
  public static final class Then {
    private final List<Compare> compares;
    private final List<Op> success;

    private Then(List<Compare> compares, List<Op> success) {
      this.compares = compares;
      this.success = success;
    }

    public TxnRequest otherwise(Op... ops) {
      return new TxnRequest(compares, success, List.of(ops));
    }

    /** The transaction with an empty else branch. */
    public TxnRequest build() {
      return new TxnRequest(compares, success, List.of());
    }
  }
}
