package io.capstan.plugins.store.mvcc;

import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.CompactedException;
import io.capstan.spi.store.FutureRevisionException;
import io.capstan.spi.store.Lease;
import io.capstan.spi.store.LeaseNotFoundException;
import io.capstan.spi.store.Op;
import io.capstan.spi.store.StoreException;
import io.capstan.spi.store.TxnRequest;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a write, in the order that makes it safe (the first step under the {@link
 * BatchExchange} lock, so the index has one writer at a time; the others on the sync thread):
 *
 * <ol>
 *   <li>{@link #apply}: each command changes the index and the revision log at once, with
 *       consecutive revisions; compares see every earlier command, committed or not. Readers see
 *       none of it yet: they read at the committed revision. The command joins the open {@link
 *       PendingBatch}.
 *   <li>the whole batch is persisted with one {@link Persistence#append} ({@link WriteLoop}).
 *   <li>{@link #publish}: the new committed revision becomes visible, granted leases start
 *       counting down, callers are acknowledged and watches woken.
 * </ol>
 *
 * <p>If an append fails, {@link #fail} ends that batch's commands as indeterminate; the index then
 * holds applied but uncommitted versions, invisible to readers and never acknowledged, and the
 * loop accepts no more writes.
 */
final class CommitPipeline {

  private static final Logger LOG = LoggerFactory.getLogger(CommitPipeline.class);

  private final String name;
  private final KeyIndex index;
  private final RevisionLog log;
  private final LeaseTable leases;
  private final TxnApplier applier;
  private final Watermarks marks;
  private final WatchHub hub;
  private long applied; // the latest applied revision; under the exchange lock
  private long nextLeaseId; // under the exchange lock

  CommitPipeline(String name, KeyIndex index, RevisionLog log, LeaseTable leases,
      Watermarks marks, WatchHub hub, long nextLeaseId) {
    this.name = name;
    this.index = index;
    this.log = log;
    this.leases = leases;
    this.applier = new TxnApplier(index, leases);
    this.marks = marks;
    this.hub = hub;
    this.applied = marks.committed;
    this.nextLeaseId = nextLeaseId;
  }

  /** Applies one command into {@code batch}; a rejected command changes nothing. */
  void apply(WriteCommand command, PendingBatch batch) {
    batch.commands.add(command);
    try {
      if (command instanceof WriteCommand.Txn txn) {
        TxnApplier.Applied a = applyTxn(txn.request(), batch);
        batch.acks.add(() -> txn.future().complete(a.result()));
      } else if (command instanceof WriteCommand.Grant grant) {
        LeaseState lease = grant(grant);
        batch.granted.add(new LeaseRecord(lease.id, lease.ttlSeconds));
        batch.toActivate.add(lease);
        batch.acks.add(() -> grant.future().complete(new Lease(lease.id, lease.ttlSeconds)));
      } else if (command instanceof WriteCommand.Revoke revoke) {
        if (revoke(revoke, batch)) {
          batch.removed.add(revoke.id());
        }
        batch.acks.add(() -> revoke.future().complete(null));
      } else if (command instanceof WriteCommand.Compact compact) {
        compact(compact.revision(), batch);
        batch.acks.add(() -> compact.future().complete(null));
      }
    } catch (StoreException | IllegalArgumentException rejected) {
      // nothing was applied, but the answer still waits for the batch: it was decided on state
      // that is not durable yet
      batch.acks.add(() -> command.future().completeExceptionally(rejected));
    }
  }

  /** Fixes the batch's counters before it is handed to persistence. */
  void seal(PendingBatch batch) {
    batch.lastRevision = applied;
    batch.nextLeaseId = nextLeaseId;
  }

  /** Makes a durable batch visible and acknowledges its callers. */
  void publish(PendingBatch batch) {
    marks.committed = batch.lastRevision;
    batch.toActivate.forEach(leases::activate);
    batch.acks.forEach(Runnable::run);
    if (!batch.revisions.isEmpty()) {
      hub.onCommit();
    }
    if (batch.compactRevision > 0) {
      LOG.debug("Store {} compacted to revision {}: {} versions dropped", name,
          batch.compactRevision, batch.dropped.size());
    }
  }

  /** Ends every command of a batch whose append failed or never ran. */
  static void fail(PendingBatch batch, RuntimeException outcome) {
    batch.commands.forEach(c -> c.future().completeExceptionally(outcome));
  }

  private TxnApplier.Applied applyTxn(TxnRequest request, PendingBatch batch) {
    TxnApplier.Applied a = applier.apply(request, applied);
    if (a.logged() != null) {
      applied = a.logged().revision();
      log.add(a.logged());
      batch.revisions.add(new RevisionRecord(applied, a.logged().kvs()));
    }
    return a;
  }

  private LeaseState grant(WriteCommand.Grant grant) {
    long id = grant.id() == 0 ? nextLeaseId : grant.id();
    if (leases.exists(id)) {
      throw new IllegalArgumentException("lease " + id + " already exists");
    }
    nextLeaseId = Math.max(nextLeaseId, id + 1);
    return leases.add(id, grant.ttlSeconds());
  }

  /** Deletes the lease's keys as one revision; false if there was no such lease. */
  private boolean revoke(WriteCommand.Revoke revoke, PendingBatch batch) {
    LeaseState lease = leases.get(revoke.id());
    if (lease == null) {
      if (revoke.expired()) {
        return false; // revoked explicitly while the expiry was queued
      }
      throw new LeaseNotFoundException(revoke.id());
    }
    List<Op> deletes = new ArrayList<>();
    for (Bytes key : lease.keys) {
      deletes.add(Op.delete(key));
    }
    if (!deletes.isEmpty()) {
      applyTxn(new TxnRequest(List.of(), deletes, List.of()), batch);
    }
    leases.remove(revoke.id());
    if (revoke.expired()) {
      LOG.debug("Store {}: lease {} expired; deleted {} keys", name, revoke.id(), deletes.size());
    }
    return true;
  }

  /**
   * Compacts the index now and records the dropped versions in the batch. Validated against the
   * committed revision: a caller can only have learned of committed revisions, so one above it is
   * in the future.
   */
  private void compact(long revision, PendingBatch batch) {
    long compacted = marks.compacted;
    if (revision <= compacted) {
      throw new CompactedException(revision, compacted);
    }
    if (revision > marks.committed) {
      throw new FutureRevisionException(revision, marks.committed);
    }
    marks.compacted = revision; // first: readers racing the trim then see why history is missing
    List<Bytes> touched = log.trimBelow(revision);
    batch.dropped.addAll(index.compact(touched, revision));
    batch.compactRevision = revision;
  }
}
