package io.capstan.plugins.store.mvcc;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.store.KeyValue;
import java.util.List;

/**
 * One committed revision as persisted: the entries it wrote, in event order (tombstones for
 * deletes), each with {@code modRevision == revision}. An entry's position is its index.
 */
public record RevisionRecord(long revision, List<KeyValue> kvs) {

  public RevisionRecord {
    kvs = List.copyOf(requireNonNull(kvs, "kvs"));
    if (kvs.isEmpty()) {
      throw new IllegalArgumentException("revision " + revision + " wrote nothing");
    }
    for (KeyValue kv : kvs) {
      if (kv.modRevision() != revision) {
        throw new IllegalArgumentException(kv + " in revision " + revision);
      }
    }
  }
}
