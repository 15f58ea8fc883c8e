package io.capstan.spi.store;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The answer to a {@link RangeRequest}, also the result of an {@link Op.Range} inside a transaction.
 *
 * @param kvs the entries in ascending key order, at most {@code limit}; empty for count-only reads
 * @param more true when {@code limit} cut the result short
 * @param count how many keys the whole range holds at that revision, regardless of {@code limit}
 * @param revision the header revision: the store revision the read was served at (the requested
 *     one, or the latest when 0 was asked). A Kubernetes list uses it as its resourceVersion, and the
 *     next page must be read at it.
 */
public record RangeResult(List<KeyValue> kvs, boolean more, long count, long revision)
    implements OpResult {

  public RangeResult {
    kvs = List.copyOf(requireNonNull(kvs, "kvs"));
    if (count < kvs.size()) {
      throw new IllegalArgumentException("count " + count + " < returned " + kvs.size());
    }
    if (revision < 0) {
      throw new IllegalArgumentException("revision must be >= 0, was " + revision);
    }
  }

  /** The first entry, for single-key reads. */
  public Optional<KeyValue> first() {
    return kvs.isEmpty() ? Optional.empty() : Optional.of(kvs.get(0));
  }

  /** The last returned key, from which {@link KeyRange#after} builds the next page. */
  public Optional<Bytes> lastKey() {
    return kvs.isEmpty() ? Optional.empty() : Optional.of(kvs.get(kvs.size() - 1).key());
  }
}
