package io.capstan.spi.store;

import static java.util.Objects.requireNonNull;

/**
 * One operation of a {@link TxnRequest} branch; its result is the {@link OpResult} at the same
 * position in {@link TxnResult#results()}.
 *
 * <pre>{@code
 * Op.put(key, value)                          // plain put
 * Op.put(key, value).withLease(id).withPrevKv()
 * Op.delete(key)  Op.delete(KeyRange.prefix(p)).withPrevKv()
 * Op.get(key)     Op.range(RangeRequest.of(range).withLimit(500))
 * }</pre>
 */
public sealed interface Op permits Op.Put, Op.Delete, Op.Range {

  static Put put(Bytes key, Bytes value) {
    return new Put(key, value, KeyValue.NO_LEASE, false);
  }

  static Delete delete(Bytes key) {
    return new Delete(KeyRange.key(key), false);
  }

  static Delete delete(KeyRange range) {
    return new Delete(range, false);
  }

  static Range get(Bytes key) {
    return new Range(RangeRequest.of(KeyRange.key(key)));
  }

  static Range range(RangeRequest request) {
    return new Range(request);
  }

  /** Whether this operation changes the keyspace (puts always do; deletes only if a key matches). */
  boolean isWrite();

  /**
   * Sets {@code key} to {@code value}. Creates the key (version 1, createRevision = this revision)
   * if absent, otherwise increments its version; a put of an identical value still counts as a
   * change. Replaces any lease attachment: a put without a lease detaches the key from its lease.
   *
   * @param lease a lease from {@link Store#grantLease}, or {@link KeyValue#NO_LEASE}; an unknown or
   *     expired lease fails the whole transaction with {@link LeaseNotFoundException}
   * @param prevKv return the entry as it was before the put in {@link OpResult.Put#prevKv()}
   */
  record Put(Bytes key, Bytes value, long lease, boolean prevKv) implements Op {
    public Put {
      KeyRange.requireNonEmpty(key);
      requireNonNull(value, "value");
      if (lease < 0) {
        throw new IllegalArgumentException("lease must be >= 0, was " + lease);
      }
    }

    public Put withLease(long lease) {
      return new Put(key, value, lease, prevKv);
    }

    public Put withPrevKv() {
      return new Put(key, value, lease, true);
    }

    @Override
    public boolean isWrite() {
      return true;
    }
  }

  /**
   * Deletes every key in {@code range}. Each deleted key produces one DELETE watch event at the
   * transaction's revision, in key order.
   *
   * @param prevKv return the deleted entries in {@link OpResult.Delete#prevKvs()}
   */
  record Delete(KeyRange range, boolean prevKv) implements Op {
    public Delete {
      requireNonNull(range, "range");
    }

    public Delete withPrevKv() {
      return new Delete(range, true);
    }

    @Override
    public boolean isWrite() {
      return true;
    }
  }

  /**
   * A read inside the transaction. It sees the writes of earlier ops in the same branch (as in
   * etcd). {@link RangeRequest#revision()} must be 0: a transaction reads its own snapshot.
   */
  record Range(RangeRequest request) implements Op {
    public Range {
      requireNonNull(request, "request");
      if (request.revision() != 0) {
        throw new IllegalArgumentException("a range inside a txn reads the latest revision; "
            + "use Store.range for historical reads");
      }
    }

    @Override
    public boolean isWrite() {
      return false;
    }
  }
}
