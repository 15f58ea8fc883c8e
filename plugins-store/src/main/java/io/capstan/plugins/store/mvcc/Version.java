package io.capstan.plugins.store.mvcc;

import io.capstan.spi.store.KeyValue;

/**
 * One retained version of one key: a node of the key's newest-first chain in {@link KeyHistory}.
 *
 * <p>{@link #kv} is the entry as written (a {@linkplain KeyValue#tombstone tombstone} for a delete);
 * {@link #index} is its position among the events of its revision, so {@code (kv.modRevision(),
 * index)} names the persisted row. {@link #prev} is volatile because compaction, under the write
 * lock, cuts the chain while readers walk it without locks.
 */
final class Version {

  final KeyValue kv;
  final int index;
  volatile Version prev;

  Version(KeyValue kv, int index, Version prev) {
    this.kv = kv;
    this.index = index;
    this.prev = prev;
  }

  long revision() {
    return kv.modRevision();
  }

  boolean isTombstone() {
    return kv.isTombstone();
  }

  VersionRef ref() {
    return new VersionRef(kv.modRevision(), index);
  }

  @Override
  public String toString() {
    return kv + "#" + index;
  }
}
