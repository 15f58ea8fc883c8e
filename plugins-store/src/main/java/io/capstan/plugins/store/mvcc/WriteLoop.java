package io.capstan.plugins.store.mvcc;

import io.capstan.spi.store.IndeterminateResultException;
import io.capstan.spi.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's single writer: a dedicated thread that takes queued {@link WriteCommand}s in
 * batches and hands each batch to a {@link CommitPipeline}.
 *
 * <p>Why a thread of its own rather than tasks on the shared executor: it spends most of its time
 * blocked in a disk sync, and the executor's contract forbids blocking tasks (on the virtual
 * executor a blocking task would stall simulated time). One writer also makes revision assignment,
 * compare evaluation and the index's single-writer rule trivially correct.
 *
 * <p>Group commit falls out of the loop's shape: whatever queued up while the previous batch was
 * being synced is taken as the next batch (up to {@link MvccOptions#MAX_BATCH_COMMANDS} commands
 * or {@link MvccOptions#MAX_BATCH_BYTES}), so concurrent writers share one sync.
 */
final class WriteLoop implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(WriteLoop.class);

  private final String name;
  private final CommitPipeline pipeline;
  private final LinkedBlockingQueue<WriteCommand> queue = new LinkedBlockingQueue<>();
  // submitters hold the read lock while they check and enqueue; stop() takes the write lock, so
  // nothing can be queued behind the Stop command and be left waiting forever
  private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
  private boolean accepting; // guarded by gate
  private volatile StoreException failure;
  private Thread thread;

  WriteLoop(String name, CommitPipeline pipeline) {
    this.name = name;
    this.pipeline = pipeline;
  }

  void start() {
    gate.writeLock().lock();
    try {
      accepting = true;
      thread = new Thread(this, "capstan-store-" + name + "-writer");
      // a store the caller forgot to close must not keep the JVM alive; acknowledged writes are
      // durable already, so dying with the JVM loses nothing that was promised
      thread.setDaemon(true);
      thread.start();
    } finally {
      gate.writeLock().unlock();
    }
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
      queue.add(command);
    } finally {
      gate.readLock().unlock();
    }
  }

  /** Commits everything queued so far, then ends the thread. Idempotent. */
  void stop() throws InterruptedException {
    gate.writeLock().lock();
    try {
      if (!accepting) {
        return;
      }
      accepting = false;
      queue.add(new WriteCommand.Stop(new java.util.concurrent.CompletableFuture<>()));
    } finally {
      gate.writeLock().unlock();
    }
    thread.join();
  }

  /** Commands waiting for the writer; tests use it to know a batch has formed. */
  int pending() {
    return queue.size();
  }

  @Override
  public void run() {
    List<WriteCommand> batch = new ArrayList<>();
    try {
      while (true) {
        batch.clear();
        WriteCommand first = queue.take();
        batch.add(first);
        long bytes = first.weight();
        boolean stop = first instanceof WriteCommand.Stop;
        while (!stop && batch.size() < MvccOptions.MAX_BATCH_COMMANDS
            && bytes < MvccOptions.MAX_BATCH_BYTES) {
          WriteCommand next = queue.poll();
          if (next == null) {
            break;
          }
          batch.add(next);
          bytes += next.weight();
          stop = next instanceof WriteCommand.Stop;
        }
        if (failure != null) {
          batch.forEach(c -> c.future().completeExceptionally(failure));
        } else {
          commit(batch);
        }
        if (stop) {
          return;
        }
      }
    } catch (InterruptedException e) {
      LOG.warn("Store {} writer interrupted; {} queued writes fail", name, queue.size());
      queue.forEach(c -> c.future().completeExceptionally(
          new IndeterminateResultException("store " + name + " writer was interrupted", e)));
    }
  }

  private void commit(List<WriteCommand> batch) {
    try {
      pipeline.commit(batch);
    } catch (RuntimeException | Error e) {
      failure = new StoreException("store " + name + " could not persist a batch of "
          + batch.size() + " writes", e);
      LOG.error("Store {} failed to persist a batch; it accepts no more writes. Reads still serve"
          + " the committed data; restart to recover from disk", name, e);
      IndeterminateResultException outcome = new IndeterminateResultException(
          "store " + name + " failed while persisting this write; it may or may not be durable", e);
      batch.forEach(c -> c.future().completeExceptionally(outcome));
    }
  }
}
