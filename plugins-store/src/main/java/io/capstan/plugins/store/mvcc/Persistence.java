package io.capstan.plugins.store.mvcc;

import io.capstan.spi.store.KeyValue;

/**
 * Where an {@link MvccStore} keeps its data between runs: the backend under the MVCC engine, as
 * etcd splits {@code mvcc} from {@code backend}. The engine keeps everything it serves in memory
 * and calls a persistence from one thread at a time, in this order: {@link #recover()} and
 * {@link #replay} once at start, then {@link #append} once per group commit, then {@link
 * #close()}.
 *
 * <p>Every {@link #append} must be <em>one atomic write</em>: after a crash at any point, the next
 * {@link #recover()} sees each {@link CommitBatch} (revisions, their data, lease changes,
 * compaction and counters) entirely or not at all. A durable persistence returns only when the
 * batch survives a crash, since the engine acknowledges the batch's writers right after; that is
 * what makes group commit pay off: one sync for everything that queued while the previous one ran.
 *
 * <p>An append that throws leaves the engine unable to tell what was written, so the engine stops
 * accepting writes (as etcd stops on a backend error) and the failure reaches the callers.
 */
public interface Persistence extends AutoCloseable {

  /** Opens the data, creating it if absent, and returns what was stored besides the versions. */
  RecoveredState recover();

  /**
   * Streams every stored version in ascending {@code (revision, index)} order. Versions at or
   * above {@link RecoveredState#compactRevision()} form complete revisions; below it only the
   * versions compaction kept remain.
   */
  void replay(ReplaySink sink);

  /** Writes one group commit atomically and, if durable, syncs it before returning. */
  void append(CommitBatch batch);

  /** Whether acknowledged appends survive a crash of the process. */
  boolean isDurable();

  /**
   * Whether {@link #append} waits for I/O. If so, the engine calls it from a sync thread of its
   * own so that applying and acknowledging overlap the wait; if not (memory), it calls it inline
   * and saves the hand-off.
   */
  default boolean blocks() {
    return true;
  }

  /** Releases files; idempotent. */
  @Override
  void close();

  /** Receives the versions {@link #replay} reads. */
  @FunctionalInterface
  interface ReplaySink {
    void version(KeyValue kv, int index);
  }
}
