package io.capstan.plugins.store.mvcc;

import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.KeyRange;
import io.capstan.spi.store.KeyValue;
import io.capstan.spi.store.RangeRequest;
import io.capstan.spi.store.RangeResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiConsumer;

/**
 * Every key's retained versions, in {@link Bytes} order (unsigned, as etcd and RocksDB), in a
 * {@link ConcurrentSkipListMap} so that readers at any retained revision iterate without locks
 * while the single writer adds versions.
 *
 * <p>Readers pass the revision they read at and ignore newer versions, which is how versions the
 * writer applied but has not yet committed stay invisible.
 */
final class KeyIndex {

  private final ConcurrentSkipListMap<Bytes, KeyHistory> keys = new ConcurrentSkipListMap<>();
  /**
   * The same histories by key, for point lookups: a skip-list lookup compares the key with ~log2(n)
   * others, each a pointer chase; with 10^5 keys that was most of a small GET's time in the store.
   * The writer adds and removes a history in both maps; a reader that finds it in one and not yet
   * in the other sees no difference, as the history's versions are newer than any committed
   * revision until the batch is published.
   */
  private final ConcurrentHashMap<Bytes, KeyHistory> byKey = new ConcurrentHashMap<>();

  /** The key's live entry at {@code revision}, or null. */
  KeyValue get(Bytes key, long revision) {
    KeyHistory history = byKey.get(key);
    return history == null ? null : history.liveAt(revision);
  }

  /**
   * Reads {@code request}'s range at {@code revision} (the request's own revision field is
   * ignored; the caller resolved it). The result carries {@code headerRevision}.
   */
  RangeResult range(RangeRequest request, long revision, long headerRevision) {
    List<KeyValue> kvs = new ArrayList<>();
    long count = 0;
    long limit = request.limit() == 0 ? Long.MAX_VALUE : request.limit();
    for (KeyHistory history : histories(request.range())) {
      KeyValue kv = history.liveAt(revision);
      if (kv == null) {
        continue;
      }
      count++;
      if (!request.countOnly() && kvs.size() < limit) {
        kvs.add(request.keysOnly() ? kv.withoutValue() : kv);
      }
    }
    boolean more = !request.countOnly() && count > kvs.size();
    return new RangeResult(kvs, more, count, headerRevision);
  }

  /** The live entries in {@code range} at {@code revision}, in key order. */
  List<KeyValue> liveIn(KeyRange range, long revision) {
    List<KeyValue> live = new ArrayList<>();
    for (KeyHistory history : histories(range)) {
      KeyValue kv = history.liveAt(revision);
      if (kv != null) {
        live.add(kv);
      }
    }
    return live;
  }

  private Collection<KeyHistory> histories(KeyRange range) {
    if (range.isEmpty()) {
      return List.of();
    }
    if (range.isSingleKey()) {
      KeyHistory history = byKey.get(range.start());
      return history == null ? List.of() : List.of(history);
    }
    NavigableMap<Bytes, KeyHistory> sub = range.end().isPresent()
        ? keys.subMap(range.start(), true, range.end().get(), false)
        : keys.tailMap(range.start(), true);
    return sub.values();
  }

  /**
   * Adds {@code kv} as the key's newest version and returns the entry it replaces if that was live.
   * The key instance already in the index is reused so versions share one copy. Under the write
   * lock only.
   */
  KeyValue push(KeyValue kv, int index) {
    KeyHistory history = byKey.get(kv.key());
    if (history == null) {
      add(new KeyHistory(kv.key(), new Version(kv, index, null)));
      return null;
    }
    Version head = history.head();
    history.push(kv, index);
    return head.isTombstone() ? null : head.kv;
  }

  /** The key instance the index holds for {@code key}, to share it between versions. */
  Bytes canonicalKey(Bytes key) {
    KeyHistory history = byKey.get(key);
    return history == null ? key : history.key;
  }

  /** The key's history, or null if the index holds no version of it. */
  KeyHistory history(Bytes key) {
    return byKey.get(key);
  }

  /** Adds the first version of a key the index does not hold. Under the write lock only. */
  void create(KeyValue kv, int index) {
    add(new KeyHistory(kv.key(), new Version(kv, index, null)));
  }

  private void add(KeyHistory history) {
    keys.put(history.key, history);
    byKey.put(history.key, history);
  }

  /**
   * Compacts the given keys to {@code watermark} (see {@link KeyHistory#compact}); keys left with
   * no version leave the index. Under the write lock only.
   */
  List<VersionRef> compact(Collection<Bytes> touched, long watermark) {
    List<VersionRef> dropped = new ArrayList<>();
    Set<Bytes> seen = new HashSet<>();
    for (Bytes key : touched) {
      if (!seen.add(key)) {
        continue;
      }
      KeyHistory history = byKey.get(key);
      if (history != null && history.compact(watermark, dropped)) {
        keys.remove(key, history);
        byKey.remove(key, history);
      }
    }
    return dropped;
  }

  /** Visits each key's newest version if it is live (recovery uses this to re-attach leases). */
  void forEachLatest(BiConsumer<Bytes, KeyValue> visitor) {
    for (KeyHistory history : keys.values()) {
      Version head = history.head();
      if (!head.isTombstone()) {
        visitor.accept(history.key, head.kv);
      }
    }
  }

  /** How many keys have at least one retained version (live or tombstone). */
  int size() {
    return keys.size();
  }
}
