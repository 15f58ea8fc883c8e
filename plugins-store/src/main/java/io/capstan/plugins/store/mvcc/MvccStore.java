package io.capstan.plugins.store.mvcc;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.store.CompactedException;
import io.capstan.spi.store.FutureRevisionException;
import io.capstan.spi.store.IndeterminateResultException;
import io.capstan.spi.store.Lease;
import io.capstan.spi.store.LeaseInfo;
import io.capstan.spi.store.Op;
import io.capstan.spi.store.RangeRequest;
import io.capstan.spi.store.RangeResult;
import io.capstan.spi.store.Store;
import io.capstan.spi.store.StoreUnavailableException;
import io.capstan.spi.store.TxnRequest;
import io.capstan.spi.store.TxnResult;
import io.capstan.spi.store.Watch;
import io.capstan.spi.store.WatchListener;
import io.capstan.spi.store.WatchRequest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MVCC engine both embedded stores share, so {@code memory} and {@code rocksdb} have the same
 * semantics and differ only in their {@link Persistence} (etcd's own split of {@code mvcc} over a
 * {@code backend}). Everything served is in memory: a {@link KeyIndex} of every retained version
 * and a {@link RevisionLog} of every retained revision's events, both trimmed by compaction.
 *
 * <ul>
 *   <li><b>Reads</b> run on the caller's thread without locks, at the committed revision (or an
 *       older retained one).
 *   <li><b>Writes</b> are applied by their callers one at a time under one lock, invisible until
 *       committed; a sync thread takes everything applied since its last append as one batch,
 *       writes it with one atomic {@link Persistence#append}, then publishes the new committed
 *       revision and acknowledges the callers (group commit, {@link WriteLoop}). Transactions
 *       without write ops never wait for it; they are reads.
 *   <li><b>Watches</b> are served from the revision log by tasks on the host's executor ({@link
 *       WatchHub}); no thread per watch, no per-watch buffer.
 *   <li><b>Leases</b> count down on the host's clock ({@link LeaseTable}); on restart every lease
 *       gets its full TTL again, as etcd does after a leader change, since time spent down must
 *       not expire keys that no one could keep alive.
 *   <li><b>Compaction</b> drops versions superseded before the watermark; automatic compaction
 *       follows {@link AutoCompactionConfig}.
 * </ul>
 */
public abstract class MvccStore implements Store {

  private static final Logger LOG = LoggerFactory.getLogger(MvccStore.class);

  private enum State { NEW, OPEN, CLOSED }

  private final MvccOptions options;
  private final Persistence persistence;
  private final Clock clock;
  private final TaskExecutor executor;
  private final KeyIndex index = new KeyIndex();
  private final RevisionLog log = new RevisionLog();
  private final Watermarks marks = new Watermarks(0, 0);
  private final LeaseTable leases;
  private final WatchHub hub;
  private final AutoCompactor autoCompactor;
  private WriteLoop writer;
  private volatile State state = State.NEW;

  protected MvccStore(MvccOptions options, Persistence persistence, Clock clock,
      TaskExecutor executor) {
    this.options = requireNonNull(options, "options");
    this.persistence = requireNonNull(persistence, "persistence");
    this.clock = requireNonNull(clock, "clock");
    this.executor = requireNonNull(executor, "executor");
    this.leases = new LeaseTable(clock, executor, this::expire);
    this.hub = new WatchHub(marks, log, executor);
    this.autoCompactor = new AutoCompactor(options.autoCompaction(), clock, executor, marks,
        this::autoCompact);
  }

  @Override
  public synchronized void start() {
    if (state != State.NEW) {
      throw new IllegalStateException("store " + options.name() + " was already started");
    }
    long began = clock.nanoTime();
    RecoveredState recovered = persistence.recover();
    Recovery recovery = new Recovery(index, log, recovered.compactRevision());
    persistence.replay(recovery);
    marks.committed = Math.max(recovered.currentRevision(), recovery.finish());
    marks.compacted = recovered.compactRevision();
    List<LeaseState> restored = recovered.leases().stream()
        .map(l -> leases.add(l.id(), l.ttlSeconds())).toList();
    index.forEachLatest((key, kv) -> {
      if (kv.hasLease()) {
        leases.attach(kv.lease(), key);
      }
    });
    restored.forEach(leases::activate);
    CommitPipeline pipeline = new CommitPipeline(options.name(), index, log, leases, marks, hub,
        recovered.nextLeaseId());
    writer = new WriteLoop(options.name(), pipeline, persistence,
        new CommitWait(options.commitSpin()));
    writer.start();
    hub.start(options.progressNotifyInterval());
    autoCompactor.start();
    state = State.OPEN;
    LOG.info("Store {} open at revision {} (compacted to {}; {} keys, {} versions, {} leases)"
        + " in {} ms", options.name(), marks.committed, marks.compacted, index.size(),
        recovery.versions(), restored.size(), (clock.nanoTime() - began) / 1_000_000);
  }

  @Override
  public long currentRevision() {
    checkOpen();
    return marks.committed;
  }

  @Override
  public long compactRevision() {
    checkOpen();
    return marks.compacted;
  }

  @Override
  public RangeResult range(RangeRequest request) {
    requireNonNull(request, "request");
    checkOpen();
    long committed = marks.committed;
    long revision = request.revision() == 0 ? committed : request.revision();
    if (revision > committed) {
      throw new FutureRevisionException(revision, committed);
    }
    checkNotCompacted(revision);
    RangeResult result = index.range(request, revision, revision);
    checkNotCompacted(revision); // a compaction racing this read may have cut what it walked
    return result;
  }

  private void checkNotCompacted(long revision) {
    long compacted = marks.compacted;
    if (revision < compacted) {
      throw new CompactedException(revision, compacted);
    }
  }

  @Override
  public TxnResult txn(TxnRequest request) {
    requireNonNull(request, "request");
    checkOpen();
    checkValueSizes(request.success());
    checkValueSizes(request.failure());
    if (!request.hasWrites()) {
      return TxnApplier.readOnly(request, index, marks.committed);
    }
    return await(new WriteCommand.Txn(request, new CompletableFuture<>()), "transaction");
  }

  private void checkValueSizes(List<Op> ops) {
    for (Op op : ops) {
      if (op instanceof Op.Put put && put.value().size() > options.maxValueBytes()) {
        throw new IllegalArgumentException("the value for key " + put.key() + " is "
            + put.value().size() + " bytes; store " + options.name() + " takes at most "
            + options.maxValueBytes() + " (store." + options.name() + ".maxValueBytes)");
      }
    }
  }

  @Override
  public Watch watch(WatchRequest request, WatchListener listener) {
    requireNonNull(request, "request");
    requireNonNull(listener, "listener");
    checkOpen();
    return hub.watch(request, listener);
  }

  /**
   * Asks every open watch for a {@link io.capstan.spi.store.WatchResponse.Progress} as soon as it
   * has delivered everything committed, whether or not it asked for progress notifications (etcd's
   * {@code RequestProgress}). Kubernetes' watch cache uses this to serve consistent reads.
   */
  public void requestProgress() {
    checkOpen();
    hub.requestProgress();
  }

  @Override
  public void compact(long revision) {
    checkOpen();
    await(new WriteCommand.Compact(revision, new CompletableFuture<>()), "compaction");
  }

  @Override
  public Lease grantLease(long ttlSeconds, long id) {
    checkOpen();
    if (ttlSeconds < 1 || ttlSeconds > LeaseTable.MAX_TTL_SECONDS) {
      throw new IllegalArgumentException("lease TTL must be in [1, " + LeaseTable.MAX_TTL_SECONDS
          + "] seconds, was " + ttlSeconds);
    }
    if (id < 0) {
      throw new IllegalArgumentException("lease id must be > 0, or 0 to let the store choose");
    }
    return await(new WriteCommand.Grant(ttlSeconds, id, new CompletableFuture<>()), "lease grant");
  }

  @Override
  public Lease keepAlive(long leaseId) {
    checkOpen();
    return leases.keepAlive(leaseId);
  }

  @Override
  public void revokeLease(long leaseId) {
    checkOpen();
    await(new WriteCommand.Revoke(leaseId, false, new CompletableFuture<>()), "lease revoke");
  }

  @Override
  public Optional<LeaseInfo> timeToLive(long leaseId, boolean withKeys) {
    checkOpen();
    return leases.timeToLive(leaseId, withKeys);
  }

  @Override
  public boolean isDurable() {
    return persistence.isDurable();
  }

  /**
   * Commits what is queued, ends every watch with {@link
   * io.capstan.spi.store.WatchResponse.Failed}, stops the timers and closes the persistence.
   */
  @Override
  public synchronized void close() {
    if (state == State.CLOSED) {
      return;
    }
    boolean wasOpen = state == State.OPEN;
    state = State.CLOSED;
    try {
      if (wasOpen) {
        autoCompactor.stop();
        writer.stop(); // commits what is queued
        leases.close();
        hub.close(new StoreUnavailableException("store " + options.name() + " is closed"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("Interrupted while closing store {}; queued writes may be lost", options.name());
    } finally {
      persistence.close();
      LOG.info("Store {} closed at revision {}", options.name(), marks.committed);
    }
  }

  /** Commands applied and not yet taken for an append; lets tests see a group commit form. */
  protected final int pendingWrites() {
    return writer == null ? 0 : writer.pending();
  }

  private void expire(long leaseId) {
    try {
      writer.submit(new WriteCommand.Revoke(leaseId, true, new CompletableFuture<>()));
    } catch (IllegalStateException closing) {
      LOG.debug("Store {} closing; lease {} expires on the next start instead", options.name(),
          leaseId);
    } catch (RuntimeException e) {
      LOG.warn("Store {} could not expire lease {}", options.name(), leaseId, e);
    }
  }

  private void autoCompact(long revision) {
    try {
      CompletableFuture<Void> done = new CompletableFuture<>();
      writer.submit(new WriteCommand.Compact(revision, done));
      done.whenComplete((ok, failure) -> {
        if (failure == null) {
          LOG.info("Store {} auto-compacted to revision {}", options.name(), revision);
        } else if (!(failure instanceof CompactedException)) {
          LOG.warn("Store {} auto-compaction to revision {} failed", options.name(), revision,
              failure);
        }
      });
    } catch (RuntimeException e) {
      LOG.debug("Store {} skipped auto-compaction to {}: {}", options.name(), revision,
          e.toString());
    }
  }

  @SuppressWarnings("unchecked")
  private <T> T await(WriteCommand command, String what) {
    writer.submit(command);
    CompletableFuture<T> future = (CompletableFuture<T>) command.future();
    try {
      return future.get(options.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new IndeterminateResultException(what + " on store " + options.name() + " failed",
          e.getCause());
    } catch (TimeoutException e) {
      throw new IndeterminateResultException(what + " on store " + options.name()
          + " did not commit within " + options.requestTimeout() + "; it may still happen", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IndeterminateResultException(what + " on store " + options.name()
          + " was interrupted while waiting for its commit; it may still happen", e);
    }
  }

  private void checkOpen() {
    State s = state;
    if (s != State.OPEN) {
      throw new IllegalStateException("store " + options.name() + " is "
          + (s == State.NEW ? "not started" : "closed"));
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[revision=" + marks.committed + ", compacted="
        + marks.compacted + "]";
  }
}
