package io.capstan.plugins.store.mvcc;

import io.capstan.spi.store.KeyValue;
import io.capstan.spi.store.StoreException;
import io.capstan.spi.store.WatchEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rebuilds the index and the revision log from a {@link Persistence#replay}: every version goes
 * back into its key's chain, and every revision at or above the watermark (where revisions are
 * complete) back into the log, with each event's {@code prevKv} taken from the key's version
 * before it, which compaction always keeps for such events.
 */
final class Recovery implements Persistence.ReplaySink {

  private final KeyIndex index;
  private final RevisionLog log;
  private final long compactRevision;
  private long revision; // of the group being collected
  private long lastIndex = -1;
  private final List<WatchEvent> events = new ArrayList<>();
  private final List<Optional<KeyValue>> prevKvs = new ArrayList<>();
  private long versions;
  private long maxRevision;
  private long lastLogged;

  Recovery(KeyIndex index, RevisionLog log, long compactRevision) {
    this.index = index;
    this.log = log;
    this.compactRevision = compactRevision;
  }

  @Override
  public void version(KeyValue kv, int position) {
    long r = kv.modRevision();
    if (r < maxRevision || (r == maxRevision && position <= lastIndex)) {
      throw new StoreException("corrupt store: version " + r + "#" + position + " replayed after "
          + maxRevision + "#" + lastIndex);
    }
    if (r != revision) {
      flush();
      revision = r;
    }
    KeyValue stored = new KeyValue(index.canonicalKey(kv.key()), kv.value(),
        kv.createRevision(), r, kv.version(), kv.lease());
    KeyValue prev = index.push(stored, position);
    if (r >= compactRevision) {
      if (position != events.size()) {
        throw new StoreException("corrupt store: revision " + r + " is missing event "
            + events.size() + " (found " + position + ") above the compaction watermark");
      }
      events.add(stored.isTombstone()
          ? new WatchEvent(WatchEvent.Type.DELETE, stored, Optional.empty())
          : WatchEvent.put(stored));
      prevKvs.add(Optional.ofNullable(prev));
    }
    maxRevision = r;
    lastIndex = position;
    versions++;
  }

  /** Ends the replay; returns the highest revision seen (0 if none). */
  long finish() {
    flush();
    return maxRevision;
  }

  long versions() {
    return versions;
  }

  private void flush() {
    if (!events.isEmpty()) {
      long expected = lastLogged == 0 ? Math.max(1, compactRevision) : lastLogged + 1;
      if (revision != expected) {
        throw new StoreException("corrupt store: found revision " + revision + " where revision "
            + expected + " should be (compaction watermark " + compactRevision + ")");
      }
      lastLogged = revision;
      log.add(new LoggedRevision(revision, events, prevKvs));
      events.clear();
      prevKvs.clear();
    }
  }
}
