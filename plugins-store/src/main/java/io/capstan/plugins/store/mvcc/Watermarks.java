package io.capstan.plugins.store.mvcc;

/**
 * The two revisions every reader synchronizes on. {@link #committed} is written only by whoever
 * publishes batches (the sync thread, or the caller for memory), {@link #compacted} only under the
 * write lock.
 *
 * <p>{@link #committed} is published after the revisions up to it are durable and before any of
 * their writers is acknowledged, so a read that starts after an acknowledgement reads at a revision
 * that includes it (linearizable reads without a lock). {@link #compacted} is raised before
 * compaction removes anything, so a reader that finds history missing can tell it was compacted by
 * reading it again after the read.
 */
final class Watermarks {

  volatile long committed;
  volatile long compacted;

  Watermarks(long committed, long compacted) {
    this.committed = committed;
    this.compacted = compacted;
  }
}
