package io.capstan.spi.store;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The result of one {@link Op}: {@link Put} for {@link Op.Put}, {@link Delete} for {@link
 * Op.Delete}, {@link RangeResult} for {@link Op.Range}. The header revision of a transaction is
 * {@link TxnResult#revision()}; a {@link RangeResult} inside it carries the same revision.
 */
public sealed interface OpResult permits OpResult.Put, OpResult.Delete, RangeResult {

  /** @param prevKv the entry before the put, if the op asked for it and the key existed */
  record Put(Optional<KeyValue> prevKv) implements OpResult {
    public Put {
      requireNonNull(prevKv, "prevKv");
    }
  }

  /**
   * @param deleted how many keys the op deleted
   * @param prevKvs the deleted entries in key order, if the op asked for them; otherwise empty
   */
  record Delete(long deleted, List<KeyValue> prevKvs) implements OpResult {
    public Delete {
      prevKvs = List.copyOf(requireNonNull(prevKvs, "prevKvs"));
      if (deleted < 0 || (!prevKvs.isEmpty() && prevKvs.size() != deleted)) {
        throw new IllegalArgumentException(
            "deleted " + deleted + " does not match " + prevKvs.size() + " prevKvs");
      }
    }
  }
}
