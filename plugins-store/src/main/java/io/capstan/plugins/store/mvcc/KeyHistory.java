package io.capstan.plugins.store.mvcc;

import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.KeyValue;
import java.util.List;

/**
 * The retained versions of one key, newest first, as a singly linked chain.
 *
 * <p>Why a chain: a writer only ever adds a version at the head (O(1), no copying however hot
 * the key), the latest read looks at the head, and a historical read walks back only past the
 * versions written after the revision it reads. Readers need no lock: the head is volatile and
 * every node is published before the head points at it.
 *
 * <p>Only the holder of the store's write lock calls {@link #push} and {@link #compact}.
 */
final class KeyHistory {

  final Bytes key;
  private volatile Version head;

  KeyHistory(Bytes key, Version head) {
    this.key = key;
    this.head = head;
  }

  Version head() {
    return head;
  }

  /** The newest version at or below {@code revision}, or null if the key had none then. */
  Version at(long revision) {
    for (Version v = head; v != null; v = v.prev) {
      if (v.revision() <= revision) {
        return v;
      }
    }
    return null;
  }

  /** The key's live entry at {@code revision}, or null if absent (never written, or deleted). */
  KeyValue liveAt(long revision) {
    Version v = at(revision);
    return v == null || v.isTombstone() ? null : v.kv;
  }

  /** Adds the newest version. Under the write lock only. */
  void push(KeyValue kv, int index) {
    head = new Version(kv, index, head);
  }

  /**
   * Drops every version that was superseded before {@code watermark} (its successor's revision is
   * below it), and a tombstone below the watermark that nothing older than the watermark needs.
   * What stays serves every read at {@code watermark} or later and the {@code prevKv} of every
   * event at or after it. Under the write lock only.
   *
   * @param dropped receives the refs of the dropped versions
   * @return true if nothing is left and the key should leave the index
   */
  boolean compact(long watermark, List<VersionRef> dropped) {
    Version h = head;
    if (h.revision() < watermark && h.isTombstone()) {
      collect(h, dropped);
      return true;
    }
    Version newer = null;
    Version w = h;
    while (w != null && w.revision() >= watermark) {
      newer = w;
      w = w.prev;
    }
    if (w == null) {
      return false;
    }
    // w is the newest version below the watermark: reads at the watermark may need it, unless it
    // is a tombstone, which reads as "absent" just like no version at all
    if (w.isTombstone()) {
      collect(w, dropped);
      newer.prev = null;
    } else if (w.prev != null) {
      collect(w.prev, dropped);
      w.prev = null;
    }
    return false;
  }

  private static void collect(Version from, List<VersionRef> dropped) {
    for (Version v = from; v != null; v = v.prev) {
      dropped.add(v.ref());
    }
  }
}
