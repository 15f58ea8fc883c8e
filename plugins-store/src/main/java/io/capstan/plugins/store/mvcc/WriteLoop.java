package io.capstan.plugins.store.mvcc;

import io.capstan.spi.store.IndeterminateResultException;
import io.capstan.spi.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's write path. A caller applies its command into the open batch itself, under the
 * {@link BatchExchange} lock (so the index has one writer at a time), then waits. For a persistence
 * that {@linkplain Persistence#blocks() blocks}, one <em>sync thread</em> takes the whole open
 * batch, appends it in one atomic write, then publishes it: raises the committed revision and
 * acknowledges the callers. Without blocking I/O (memory) the caller appends and publishes its own
 * batch under the lock.
 *
 * <p>Group commit: while the sync thread writes one batch, callers apply into the next, which it
 * takes whole when the append returns, so every sync carries all that arrived during the previous
 * one. Only the disk wait and the acknowledgements sit between two appends; measured per batch of
 * 16 on the reference machine, handing every command to a writer thread and back cost more than the
 * append itself.
 *
 * <p>Why a dedicated sync thread rather than tasks on the shared executor: it spends its life
 * blocked in {@code fsync}, which the executor's contract forbids (on the virtual executor a
 * blocking task would stall simulated time).
 */
final class WriteLoop {

  private static final Logger LOG = LoggerFactory.getLogger(WriteLoop.class);

  private final String name;
  private final CommitPipeline pipeline;
  private final Persistence persistence;
  private final BatchExchange exchange;
  private final CommitWait commitWait;
  private Thread syncer;

  WriteLoop(String name, CommitPipeline pipeline, Persistence persistence, CommitWait commitWait) {
    this.name = name;
    this.pipeline = pipeline;
    this.persistence = persistence;
    this.exchange = new BatchExchange(name, pipeline, commitWait);
    this.commitWait = commitWait;
  }

  void start() {
    exchange.open();
    if (persistence.blocks()) {
      syncer = new Thread(this::sync, "capstan-store-" + name + "-sync");
      // daemon: a store the caller forgot to close must not keep the JVM alive; acknowledged
      // writes are durable already, so dying with the JVM loses nothing that was promised
      syncer.setDaemon(true);
      syncer.start();
    }
  }

  /**
   * Applies a command; it completes when its batch is durable and published. When a sync thread
   * commits, returns after a short {@link CommitWait spin} for that (the caller then blocks on the
   * command's future as usual).
   *
   * @throws IllegalStateException if the store is not started or is closing
   * @throws StoreException if an earlier write failed and the store accepts no more writes
   */
  void submit(WriteCommand command) {
    if (syncer == null) {
      exchange.apply(command, this::commit);
    } else {
      exchange.apply(command, null);
      commitWait.spinUntilDone(command.future(), exchange.lastSyncNanos());
    }
  }

  /** Stops accepting writes, commits everything applied so far, then ends the sync thread. */
  void stop() throws InterruptedException {
    exchange.close();
    if (syncer != null) {
      syncer.join();
    }
  }

  /** Commands applied and not yet taken for an append; lets tests see a batch form. */
  int pending() {
    return exchange.pending();
  }

  private void sync() {
    try {
      for (PendingBatch batch = exchange.take(); batch != null; batch = exchange.take()) {
        if (!commit(batch)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      LOG.warn("Store {} sync thread interrupted; writes not yet synced fail", name);
      exchange.fail(new StoreException("store " + name + " sync thread was interrupted", e));
    } catch (RuntimeException | Error bug) {
      LOG.error("Store {} sync thread failed; it accepts no more writes", name, bug);
      exchange.fail(new StoreException("store " + name + " sync thread failed", bug));
    }
  }

  /** Appends and publishes one batch; false if the append failed and writing is over. */
  private boolean commit(PendingBatch batch) {
    if (batch.isEmpty()) {
      return true;
    }
    try {
      if (batch.writes()) {
        long began = System.nanoTime();
        persistence.append(batch.toCommitBatch());
        exchange.appended(System.nanoTime() - began);
      }
    } catch (RuntimeException | Error e) {
      StoreException failure = new StoreException("store " + name + " could not persist a batch"
          + " of " + batch.commands.size() + " writes", e);
      LOG.error("Store {} failed to persist a batch; it accepts no more writes. Reads still serve"
          + " the committed data; restart to recover from disk", name, e);
      // Refuse new writes first, then answer this batch's callers: a caller who reacts to its
      // answer with another write must find the store already refusing.
      exchange.fail(failure);
      CommitPipeline.fail(batch, new IndeterminateResultException("store " + name
          + " failed while persisting this write; it may or may not be durable", e));
      return false;
    }
    pipeline.publish(batch);
    return true;
  }
}
