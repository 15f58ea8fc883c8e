package io.capstan.plugins.store.mvcc;

import io.capstan.spi.store.IndeterminateResultException;
import io.capstan.spi.store.StoreException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's write path: a <em>writer</em> thread that applies queued commands and acknowledges
 * them, and, for a persistence that {@linkplain Persistence#blocks() blocks}, a <em>sync</em>
 * thread that does nothing but {@link Persistence#append}.
 *
 * <p>Group commit: while the sync thread writes one batch, the writer applies everything that
 * arrives into the next one and hands it over the moment the sync thread is free, so every sync
 * carries all that queued during the previous one, and applying and acknowledging (measured at
 * about a third of a batch's time on the reference machine) overlap the disk wait instead of
 * adding to it.
 *
 * <p>Why dedicated threads rather than tasks on the shared executor: the sync thread spends its
 * life blocked in {@code fsync}, which the executor's contract forbids (on the virtual executor a
 * blocking task would stall simulated time), and the writer must answer callers even while the
 * host's executor is driven by hand. One writer also keeps revision assignment, compares and the
 * index's single-writer rule trivially correct.
 */
final class WriteLoop {

  private static final Logger LOG = LoggerFactory.getLogger(WriteLoop.class);

  /** What the sync thread sends back: the batch, and the failure if its append threw. */
  private record Synced(PendingBatch batch, RuntimeException failure) {}

  private final String name;
  private final CommitPipeline pipeline;
  private final Persistence persistence;
  // commands from callers at the tail, sync results at the head so they are handled first
  private final LinkedBlockingDeque<Object> inbox = new LinkedBlockingDeque<>();
  private final BlockingQueue<PendingBatch> toSync = new SynchronousQueue<>();
  private final AtomicInteger unsynced = new AtomicInteger();
  // submitters hold the read lock while they check and enqueue; stop() takes the write lock, so
  // nothing can be queued behind the Stop command and be left waiting forever
  private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
  private boolean accepting; // guarded by gate
  private volatile StoreException failure;
  private Thread writer;
  private Thread syncer;

  WriteLoop(String name, CommitPipeline pipeline, Persistence persistence) {
    this.name = name;
    this.pipeline = pipeline;
    this.persistence = persistence;
  }

  void start() {
    gate.writeLock().lock();
    try {
      accepting = true;
      writer = daemon(this::write, "capstan-store-" + name + "-writer");
      if (persistence.blocks()) {
        syncer = daemon(this::sync, "capstan-store-" + name + "-sync");
      }
    } finally {
      gate.writeLock().unlock();
    }
  }

  // daemon: a store the caller forgot to close must not keep the JVM alive; acknowledged writes
  // are durable already, so dying with the JVM loses nothing that was promised
  private static Thread daemon(Runnable body, String threadName) {
    Thread thread = new Thread(body, threadName);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /**
   * Queues a command.
   *
   * @throws IllegalStateException if the store is not started or is closing
   * @throws StoreException if an earlier disk write failed and the store accepts no more writes
   */
  void submit(WriteCommand command) {
    gate.readLock().lock();
    try {
      if (!accepting) {
        throw new IllegalStateException("store " + name + " is not open");
      }
      StoreException failed = failure;
      if (failed != null) {
        throw new StoreException("store " + name + " accepts no writes after a failed disk write: "
            + failed.getMessage(), failed);
      }
      unsynced.incrementAndGet();
      inbox.addLast(command);
    } finally {
      gate.readLock().unlock();
    }
  }

  /** Commits everything queued so far, then ends the threads. Idempotent. */
  void stop() throws InterruptedException {
    gate.writeLock().lock();
    try {
      if (!accepting) {
        return;
      }
      accepting = false;
      inbox.addLast(new WriteCommand.Stop(new CompletableFuture<>()));
    } finally {
      gate.writeLock().unlock();
    }
    writer.join();
  }

  /** Commands submitted and not yet handed to persistence; lets tests see a batch form. */
  int pending() {
    return unsynced.get();
  }

  private void write() {
    PendingBatch open = new PendingBatch();
    boolean syncing = false;
    boolean stopping = false;
    try {
      while (!stopping || syncing || !open.isEmpty()) {
        Object item = inbox.takeFirst();
        do {
          if (item instanceof Synced synced) {
            // hand the next batch over before acknowledging this one, so the disk never waits
            // for the acknowledgements
            syncing = false;
            if (!open.isEmpty() && failure == null && synced.failure() == null) {
              handOff(open);
              open = new PendingBatch();
              syncing = true;
            }
            finish(synced);
          } else if (failure != null) {
            unsynced.decrementAndGet();
            CommitPipeline.fail(single((WriteCommand) item), failure);
            stopping |= item instanceof WriteCommand.Stop;
          } else {
            pipeline.apply((WriteCommand) item, open);
            stopping |= item instanceof WriteCommand.Stop;
          }
          item = inbox.pollFirst();
        } while (item != null);
        if (failure != null && !open.isEmpty()) {
          // applied on top of the batch that failed; never written, so certainly not durable
          unsynced.addAndGet(-open.commands.size());
          CommitPipeline.fail(open, failure);
          open = new PendingBatch();
        }
        if (!syncing && !open.isEmpty()) {
          if (syncer == null) {
            pipeline.seal(open);
            unsynced.addAndGet(-open.commands.size());
            finish(appendInline(open));
          } else {
            handOff(open);
            syncing = true;
          }
          open = new PendingBatch();
        }
      }
      if (syncer != null) {
        syncer.interrupt();
      }
    } catch (InterruptedException e) {
      LOG.warn("Store {} writer interrupted; queued writes fail", name);
      IndeterminateResultException outcome =
          new IndeterminateResultException("store " + name + " writer was interrupted", e);
      CommitPipeline.fail(open, outcome);
      inbox.forEach(i -> {
        if (i instanceof WriteCommand c) {
          c.future().completeExceptionally(outcome);
        }
      });
    }
  }

  private void handOff(PendingBatch batch) throws InterruptedException {
    pipeline.seal(batch);
    unsynced.addAndGet(-batch.commands.size());
    toSync.put(batch);
  }

  private Synced appendInline(PendingBatch batch) {
    try {
      if (batch.writes()) {
        persistence.append(batch.toCommitBatch());
      }
      return new Synced(batch, null);
    } catch (RuntimeException e) {
      return new Synced(batch, e);
    }
  }

  private void sync() {
    try {
      while (true) {
        PendingBatch batch = toSync.take();
        inbox.addFirst(appendInline(batch));
      }
    } catch (InterruptedException stopped) {
      // the writer ends us once nothing is in flight
    }
  }

  private void finish(Synced synced) {
    if (synced.failure() == null) {
      pipeline.publish(synced.batch());
      return;
    }
    failure = new StoreException("store " + name + " could not persist a batch of "
        + synced.batch().commands.size() + " writes", synced.failure());
    LOG.error("Store {} failed to persist a batch; it accepts no more writes. Reads still serve"
        + " the committed data; restart to recover from disk", name, synced.failure());
    CommitPipeline.fail(synced.batch(), new IndeterminateResultException("store " + name
        + " failed while persisting this write; it may or may not be durable", synced.failure()));
  }

  private static PendingBatch single(WriteCommand command) {
    PendingBatch batch = new PendingBatch();
    batch.commands.add(command);
    return batch;
  }
}
