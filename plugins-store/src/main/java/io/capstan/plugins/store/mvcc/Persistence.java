package io.capstan.plugins.store.mvcc;

import io.capstan.spi.store.KeyValue;
import java.util.List;

/**
 * Where an {@link MvccStore} keeps its data between runs: the backend under the MVCC engine, as
 * etcd splits {@code mvcc} from {@code backend}. The engine keeps everything it serves in memory
 * and calls a persistence only from its writer thread, in this order: {@link #recover()} and
 * {@link #replay} once at start, then any sequence of {@link #append} and {@link #compact}, then
 * {@link #close()}.
 *
 * <p>Every call that changes data must be <em>one atomic write</em>: after a crash at any point,
 * the next {@link #recover()} sees each {@link CommitBatch} (revisions, their data, lease changes
 * and the revision counter) or each compaction (watermark and deleted versions) entirely or not at
 * all. A durable persistence returns from {@code append} only when the batch survives a crash,
 * since the engine acknowledges writers right after; that is what makes group commit pay off,
 * one sync for every transaction that queued up while the previous one ran.
 *
 * <p>A call that throws leaves the engine unable to tell what was written, so the engine stops
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

  /** Writes one batch of committed revisions and lease changes atomically and, if durable, syncs. */
  void append(CommitBatch batch);

  /** Records the new watermark and deletes the dropped versions, atomically. */
  void compact(long compactRevision, List<VersionRef> dropped);

  /** Whether acknowledged appends survive a crash of the process. */
  boolean isDurable();

  /** Releases files; idempotent. */
  @Override
  void close();

  /** Receives the versions {@link #replay} reads. */
  @FunctionalInterface
  interface ReplaySink {
    void version(KeyValue kv, int index);
  }
}
