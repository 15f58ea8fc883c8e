package io.capstan.plugins.store.mvcc;

import java.util.ArrayList;
import java.util.List;

/**
 * One group commit in the making: the commands applied since the last batch was taken, what they
 * mean for persistence, and what to do once it is durable. Changed only under the {@link
 * BatchExchange} lock until taken, then owned by the thread that appends and publishes it.
 */
final class PendingBatch {

  final List<WriteCommand> commands = new ArrayList<>();
  final List<RevisionRecord> revisions = new ArrayList<>();
  final List<LeaseRecord> granted = new ArrayList<>();
  final List<Long> removed = new ArrayList<>();
  final List<LeaseState> toActivate = new ArrayList<>();
  final List<Runnable> acks = new ArrayList<>();
  final List<WriteCommand.Compact> compactions = new ArrayList<>();
  final List<VersionRef> dropped = new ArrayList<>();
  long compactRevision; // 0: this batch does not compact
  long lastRevision; // the latest applied revision when the batch was handed off
  long nextLeaseId;

  boolean isEmpty() {
    return commands.isEmpty();
  }

  /** Whether there is anything to write; a batch of rejected or no-op commands has not. */
  boolean writes() {
    return !revisions.isEmpty() || !granted.isEmpty() || !removed.isEmpty() || compactRevision > 0;
  }

  CommitBatch toCommitBatch() {
    return new CommitBatch(revisions, granted, removed, lastRevision, nextLeaseId,
        compactRevision, dropped);
  }
}
