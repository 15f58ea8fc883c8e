package io.capstan.plugins.store.mvcc;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A memory-only persistence that records what the engine hands it and can hold appends: while
 * held, {@link #append} blocks (as a slow fsync would) until {@link #release()}. Tests use it to
 * see group commit form and to look at the store while a batch is not yet durable.
 */
final class GatedPersistence implements Persistence {

  /** One compaction as the engine asked for it. */
  record Compaction(long revision, List<VersionRef> dropped) {}

  private final List<CommitBatch> appends = new CopyOnWriteArrayList<>();
  private final List<Compaction> compactions = new CopyOnWriteArrayList<>();
  private final AtomicInteger blocked = new AtomicInteger();
  private final AtomicInteger heldRevisions = new AtomicInteger();
  private boolean held; // guarded by this
  private volatile long failAbove = Long.MAX_VALUE;

  /** Makes every append that would take the store past {@code revision} throw, as a full disk. */
  void failAppendsAbove(long revision) {
    failAbove = revision;
  }

  synchronized void hold() {
    held = true;
  }

  synchronized void release() {
    held = false;
    notifyAll();
  }

  /** Revisions in the appends currently waiting for {@link #release()}. */
  int heldRevisions() {
    return heldRevisions.get();
  }

  /** Appends currently waiting for {@link #release()}. */
  int blocked() {
    return blocked.get();
  }

  List<CommitBatch> appends() {
    return appends;
  }

  List<Compaction> compactions() {
    return compactions;
  }

  @Override
  public RecoveredState recover() {
    return RecoveredState.EMPTY;
  }

  @Override
  public void replay(ReplaySink sink) {}

  @Override
  public void append(CommitBatch batch) {
    if (batch.currentRevision() > failAbove) {
      throw new IllegalStateException("disk full (simulated)");
    }
    synchronized (this) {
      heldRevisions.addAndGet(batch.size());
      blocked.incrementAndGet();
      try {
        while (held) {
          wait();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while held", e);
      } finally {
        blocked.decrementAndGet();
        heldRevisions.addAndGet(-batch.size());
      }
    }
    appends.add(batch);
    if (batch.compacts()) {
      compactions.add(new Compaction(batch.compactRevision(), batch.dropped()));
    }
  }

  @Override
  public boolean isDurable() {
    return false;
  }

  @Override
  public void close() {
    release();
  }
}
