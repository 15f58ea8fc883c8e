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
 * What the writer thread does with one batch, in the order that makes it safe:
 *
 * <ol>
 *   <li><b>apply</b> each command to the index and the revision log, assigning consecutive
 *       revisions; compares see every earlier command of the batch. Readers do not see any of it
 *       yet: they read at the committed revision.
 *   <li><b>persist</b> the whole batch with one {@link Persistence#append} (one atomic, synced
 *       write).
 *   <li><b>publish</b> the new committed revision, start the timers of granted leases,
 *       <b>acknowledge</b> the callers, and wake the watches.
 *   <li><b>compact</b>, if the batch asked for it, against the revision just committed.
 * </ol>
 *
 * <p>An exception from persistence propagates to the {@link WriteLoop}, which stops accepting
 * writes: the index then holds applied but uncommitted versions, invisible to readers and never
 * acknowledged.
 */
final class CommitPipeline {

  private static final Logger LOG = LoggerFactory.getLogger(CommitPipeline.class);

  private final String name;
  private final KeyIndex index;
  private final RevisionLog log;
  private final LeaseTable leases;
  private final TxnApplier applier;
  private final Persistence persistence;
  private final Watermarks marks;
  private final WatchHub hub;
  private long applied; // the latest applied revision; writer thread only
  private long nextLeaseId; // writer thread only

  CommitPipeline(String name, KeyIndex index, RevisionLog log, LeaseTable leases,
      Persistence persistence, Watermarks marks, WatchHub hub, long nextLeaseId) {
    this.name = name;
    this.index = index;
    this.log = log;
    this.leases = leases;
    this.applier = new TxnApplier(index, leases);
    this.persistence = persistence;
    this.marks = marks;
    this.hub = hub;
    this.applied = marks.committed;
    this.nextLeaseId = nextLeaseId;
  }

  void commit(List<WriteCommand> batch) {
    List<RevisionRecord> revisions = new ArrayList<>();
    List<LeaseRecord> granted = new ArrayList<>();
    List<Long> removed = new ArrayList<>();
    List<LeaseState> toActivate = new ArrayList<>();
    List<Runnable> acks = new ArrayList<>(batch.size());
    List<WriteCommand.Compact> compactions = new ArrayList<>();
    for (WriteCommand command : batch) {
      try {
        if (command instanceof WriteCommand.Txn txn) {
          TxnApplier.Applied a = apply(txn.request(), revisions);
          acks.add(() -> txn.future().complete(a.result()));
        } else if (command instanceof WriteCommand.Grant grant) {
          LeaseState lease = grant(grant);
          granted.add(new LeaseRecord(lease.id, lease.ttlSeconds));
          toActivate.add(lease);
          acks.add(() -> grant.future().complete(new Lease(lease.id, lease.ttlSeconds)));
        } else if (command instanceof WriteCommand.Revoke revoke) {
          if (revoke(revoke, revisions)) {
            removed.add(revoke.id());
          }
          acks.add(() -> revoke.future().complete(null));
        } else if (command instanceof WriteCommand.Compact compact) {
          compactions.add(compact);
        } else {
          acks.add(() -> command.future().complete(null)); // Stop
        }
      } catch (StoreException | IllegalArgumentException rejected) {
        acks.add(() -> command.future().completeExceptionally(rejected)); // nothing was applied
      }
    }
    if (!revisions.isEmpty() || !granted.isEmpty() || !removed.isEmpty()) {
      persistence.append(new CommitBatch(revisions, granted, removed, applied, nextLeaseId));
    }
    marks.committed = applied;
    toActivate.forEach(leases::activate);
    acks.forEach(Runnable::run);
    if (!revisions.isEmpty()) {
      hub.onCommit();
    }
    compactions.forEach(this::compact);
  }

  private TxnApplier.Applied apply(TxnRequest request, List<RevisionRecord> revisions) {
    TxnApplier.Applied a = applier.apply(request, applied);
    if (a.logged() != null) {
      applied = a.logged().revision();
      log.add(a.logged());
      revisions.add(new RevisionRecord(applied, a.logged().kvs()));
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
  private boolean revoke(WriteCommand.Revoke revoke, List<RevisionRecord> revisions) {
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
      apply(new TxnRequest(List.of(), deletes, List.of()), revisions);
    }
    leases.remove(revoke.id());
    if (revoke.expired()) {
      LOG.debug("Store {}: lease {} expired; deleted {} keys", name, revoke.id(), deletes.size());
    }
    return true;
  }

  private void compact(WriteCommand.Compact compact) {
    long revision = compact.revision();
    long compacted = marks.compacted;
    if (revision <= compacted) {
      compact.future().completeExceptionally(new CompactedException(revision, compacted));
      return;
    }
    if (revision > marks.committed) {
      compact.future().completeExceptionally(
          new FutureRevisionException(revision, marks.committed));
      return;
    }
    marks.compacted = revision; // first: readers racing the trim then see why history is missing
    List<Bytes> touched = log.trimBelow(revision);
    List<VersionRef> dropped = index.compact(touched, revision);
    persistence.compact(revision, dropped);
    LOG.debug("Store {} compacted to revision {}: {} versions dropped", name, revision,
        dropped.size());
    compact.future().complete(null);
  }
}
