package io.capstan.plugins.store.mvcc;

import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.WatchEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Revision to events, for every revision from the compaction watermark on: the history watches
 * catch up from. It is also every watch's buffer: a watch remembers only the next revision it
 * owes its listener and reads the events here, so a slow listener costs no memory beyond the
 * history that is retained anyway, and falling behind compaction is detected by the entry being
 * gone.
 *
 * <p>The writer adds entries before committing them; readers bound themselves by the committed
 * revision, so uncommitted entries stay invisible.
 */
final class RevisionLog {

  private final ConcurrentSkipListMap<Long, LoggedRevision> entries = new ConcurrentSkipListMap<>();

  void add(LoggedRevision revision) {
    entries.put(revision.revision(), revision);
  }

  /** The entry for {@code revision}, or null if it was compacted away or never written. */
  LoggedRevision get(long revision) {
    return entries.get(revision);
  }

  /**
   * Removes every entry below {@code watermark} and returns the keys those entries changed: the only
   * keys whose history compaction can shorten. Under the write lock only.
   */
  List<Bytes> trimBelow(long watermark) {
    List<Bytes> touched = new ArrayList<>();
    Map<Long, LoggedRevision> below = entries.headMap(watermark);
    for (LoggedRevision r : below.values()) {
      for (WatchEvent e : r.events()) {
        touched.add(e.kv().key());
      }
    }
    below.clear();
    return touched;
  }

  /** Retained entries; for tests and logs. */
  int size() {
    return entries.size();
  }
}
