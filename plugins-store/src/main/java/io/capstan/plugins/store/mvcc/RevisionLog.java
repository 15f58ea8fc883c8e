package io.capstan.plugins.store.mvcc;

import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.WatchEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Revision to events, for every revision from the compaction watermark on: the history watches
 * catch up from. It is also every watch's buffer: a watch remembers only the next revision it
 * owes its listener and reads the events here, so a slow listener costs no memory beyond the
 * history that is retained anyway, and falling behind compaction is detected by the entry being
 * gone.
 *
 * <p>Revisions are consecutive, so entries sit in fixed-size chunks found by {@code revision /
 * CHUNK}: a lookup is one hash probe and an array read. Every watch reads the log at every commit
 * (the API server keeps one store watch per kind), and the sorted map this replaces cost a
 * skip-list walk of ~17 cache misses per read at 10^5 retained revisions: 8% of the CPU of a pod
 * create in a profile.
 *
 * <p>The writer adds entries before committing them; readers bound themselves by the committed
 * revision (a volatile read that follows the writer's array store), so uncommitted entries stay
 * invisible.
 */
final class RevisionLog {

  static final int CHUNK = 1024;

  private final ConcurrentHashMap<Long, LoggedRevision[]> chunks = new ConcurrentHashMap<>();
  private long first = Long.MAX_VALUE; // lowest retained revision; writer only
  private long last; // highest added revision; writer only
  private volatile int size; // written by the writer only

  /** Adds the next revision's entry. Under the write lock only. */
  void add(LoggedRevision revision) {
    long r = revision.revision();
    chunks.computeIfAbsent(r / CHUNK, c -> new LoggedRevision[CHUNK])[(int) (r % CHUNK)] = revision;
    first = Math.min(first, r);
    last = Math.max(last, r);
    size++;
  }

  /** The entry for {@code revision}, or null if it was compacted away or never written. */
  LoggedRevision get(long revision) {
    if (revision < 0) {
      return null;
    }
    LoggedRevision[] chunk = chunks.get(revision / CHUNK);
    return chunk == null ? null : chunk[(int) (revision % CHUNK)];
  }

  /**
   * Removes every entry below {@code watermark} and returns the keys those entries changed: the only
   * keys whose history compaction can shorten. Under the write lock only.
   */
  List<Bytes> trimBelow(long watermark) {
    List<Bytes> touched = new ArrayList<>();
    long end = Math.min(watermark, last + 1);
    for (long r = first; r < end; r++) {
      long chunkIndex = r / CHUNK;
      LoggedRevision[] chunk = chunks.get(chunkIndex);
      if (chunk == null) {
        r = (chunkIndex + 1) * CHUNK - 1; // nothing was logged in this chunk
        continue;
      }
      int slot = (int) (r % CHUNK);
      LoggedRevision entry = chunk[slot];
      if (entry != null) {
        for (WatchEvent e : entry.events()) {
          touched.add(e.kv().key());
        }
        chunk[slot] = null;
        size--;
      }
      if (slot == CHUNK - 1) {
        chunks.remove(chunkIndex);
      }
    }
    if (end > first) {
      first = end; // the chunk holding the watermark keeps its later entries
    }
    return touched;
  }

  /** Retained entries; for tests and logs. */
  int size() {
    return size;
  }
}
