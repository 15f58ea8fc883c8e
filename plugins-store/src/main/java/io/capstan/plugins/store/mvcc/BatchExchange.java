package io.capstan.plugins.store.mvcc;

import io.capstan.spi.store.IndeterminateResultException;
import io.capstan.spi.store.StoreException;
import java.util.concurrent.locks.Condition;
import java.util.function.Consumer;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The open batch and the one lock that makes the store single-writer: a caller applies its own
 * command to the index while holding the lock (no hand-off to a writer thread: applying takes
 * microseconds, a thread wake-up on a busy machine tens of them), and the sync thread takes the
 * whole open batch under the same lock when it is ready for the next append.
 *
 * <p><b>Gathering.</b> Callers block until their write is durable, so with N callers writing in a
 * loop, the callers of the batch just synced are still being woken when the next batch could be
 * taken; taken at once, batches would alternate between a few writes and the rest, and each sync
 * would carry about N/2. So when the open batch is smaller than the last one, the sync thread
 * waits for it to reach that size, but never longer than the last append took (and at most {@link
 * #MAX_GATHER_NANOS}). A lone sequential writer never waits (its batch is as large as the last:
 * 1), and when callers go away the expected size follows within one batch. The window is measured
 * on {@link System#nanoTime()}, not on the injected Clock, on purpose: it measures the disk, and a
 * virtual clock would make it zero or endless.
 *
 * <p>While it gathers, the sync thread yields the CPU in a loop (without the lock) under the same
 * rules as a writer waiting for its commit ({@link CommitWait#gather}), and waits on the condition
 * only when those rules say park. Woken by a signal, it used to reach the full batch about 40 µs
 * after the writer that completed it (with 16 writers on two cores it queues for a CPU, then for
 * the lock behind the writers); yielding, it takes the batch on its next turn.
 */
final class BatchExchange {

  /** Never gather longer than this, whatever a slow disk took last time. */
  static final long MAX_GATHER_NANOS = 2_000_000;

  private final String name;
  private final CommitPipeline pipeline;
  private final CommitWait commitWait;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private PendingBatch open = new PendingBatch(); // guarded by lock
  private boolean accepting; // guarded by lock
  private StoreException failure; // guarded by lock
  private int lastSize; // guarded by lock
  // the sync thread is yielding for the open batch to fill, not waiting on the condition: a
  // writer that completes the batch need not signal (written under the lock, read under it)
  private boolean gathering;
  private volatile int openSize; // open.commands.size(), for the yielding sync thread
  // written by the sync thread only; volatile because writers deciding how to wait read it too
  private volatile long lastAppendNanos;

  BatchExchange(String name, CommitPipeline pipeline, CommitWait commitWait) {
    this.name = name;
    this.pipeline = pipeline;
    this.commitWait = commitWait;
  }

  void open() {
    lock.lock();
    try {
      accepting = true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Applies a caller's command into the open batch, on the caller's thread.
   *
   * @param inline null when a sync thread takes the batches; otherwise the commit to run right
   *     away on this single-command batch, still under the lock so batches are published in order
   * @throws IllegalStateException if the store is closing
   * @throws StoreException if an earlier write failed and the store accepts no more writes
   */
  void apply(WriteCommand command, Consumer<PendingBatch> inline) {
    lock.lock();
    try {
      if (!accepting) {
        throw new IllegalStateException("store " + name + " is not open");
      }
      if (failure != null) {
        throw new StoreException("store " + name + " accepts no writes after a failed write: "
            + failure.getMessage(), failure);
      }
      try {
        pipeline.apply(command, open);
        if (inline == null) {
          openSize = open.commands.size(); // a volatile write the inline (memory) path can skip
        }
      } catch (RuntimeException | Error bug) {
        // a bug mid-apply may have left the index half-changed: stop writing, as on a disk error
        fail(new StoreException("store " + name + " failed to apply a write", bug));
        throw bug;
      }
      if (inline != null) {
        inline.accept(swap());
      } else if (open.commands.size() == 1 || open.commands.size() >= lastSize && !gathering) {
        // wake the sync thread only when it can act: the batch is no longer empty, or gathered
        arrived.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Sync thread: the next batch to append, sealed; waits for one, gathering as described above.
   *
   * @return null once the exchange is closed and nothing is open
   */
  PendingBatch take() throws InterruptedException {
    lock.lock();
    try {
      while (open.isEmpty() && accepting) {
        arrived.await();
      }
      if (open.isEmpty()) {
        return null;
      }
      long window = Math.min(lastAppendNanos, MAX_GATHER_NANOS);
      if (open.commands.size() < lastSize && window > 0 && commitWait.gathers(window)) {
        window = yieldForGathering(window);
      }
      while (open.commands.size() < lastSize && window > 0 && accepting) {
        window = arrived.awaitNanos(window);
      }
      lastSize = open.commands.size();
      return swap();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Sync thread, holding the lock: yields (without the lock) while the open batch fills, if the
   * {@link CommitWait} allows; returns what is left of the window to wait on the condition.
   */
  private long yieldForGathering(long window) {
    int wanted = lastSize;
    long deadline = System.nanoTime() + window;
    gathering = true;
    lock.unlock();
    boolean yielded;
    try {
      yielded = commitWait.gather(() -> openSize >= wanted, window);
    } finally {
      lock.lock();
      gathering = false;
    }
    return yielded ? 0 : deadline - System.nanoTime();
  }

  /** Sync thread: how long the last append took, for the next gathering window. */
  void appended(long nanos) {
    lastAppendNanos = nanos;
  }

  /** How long the latest append took; read without the lock. */
  long lastSyncNanos() {
    return lastAppendNanos;
  }

  /**
   * Stops accepting writes for good: everything applied but not yet taken fails with {@code
   * cause}, as does every later write.
   */
  void fail(StoreException cause) {
    lock.lock();
    try {
      if (failure == null) {
        failure = cause;
      }
      // applied on top of a batch that failed; never written, so certainly not durable
      CommitPipeline.fail(swap(), new IndeterminateResultException(cause.getMessage(), cause));
    } finally {
      lock.unlock();
    }
  }

  /** Stops accepting; what is open is still taken and committed by the sync thread. */
  void close() {
    lock.lock();
    try {
      accepting = false;
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Commands applied and not yet taken for an append. */
  int pending() {
    lock.lock();
    try {
      return open.commands.size();
    } finally {
      lock.unlock();
    }
  }

  private PendingBatch swap() {
    PendingBatch batch = open;
    open = new PendingBatch();
    if (openSize != 0) {
      openSize = 0;
    }
    pipeline.seal(batch);
    return batch;
  }
}
