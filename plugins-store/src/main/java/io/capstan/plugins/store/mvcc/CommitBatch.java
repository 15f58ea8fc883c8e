package io.capstan.plugins.store.mvcc;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Everything one group commit makes durable, in one atomic write: the revisions in ascending
 * order, the leases granted and removed (a revoke's deletes are among the revisions, so keys and
 * lease go together), a compaction if one was asked for, and the counters. One write for all of it
 * means the revision counter, the data and the compaction watermark can never disagree after a
 * crash.
 *
 * @param currentRevision the revision counter after this batch
 * @param nextLeaseId the next store-chosen lease id after this batch
 * @param compactRevision the new compaction watermark, or 0 if this batch does not compact
 * @param dropped the versions the compaction removed (all from earlier batches)
 */
public record CommitBatch(
    List<RevisionRecord> revisions,
    List<LeaseRecord> grantedLeases,
    List<Long> removedLeases,
    long currentRevision,
    long nextLeaseId,
    long compactRevision,
    List<VersionRef> dropped) {

  public CommitBatch {
    revisions = List.copyOf(requireNonNull(revisions, "revisions"));
    grantedLeases = List.copyOf(requireNonNull(grantedLeases, "grantedLeases"));
    removedLeases = List.copyOf(requireNonNull(removedLeases, "removedLeases"));
    dropped = List.copyOf(requireNonNull(dropped, "dropped"));
    long previous = 0;
    for (RevisionRecord r : revisions) {
      if (r.revision() <= previous || r.revision() > currentRevision) {
        throw new IllegalArgumentException("revision " + r.revision() + " out of order in a batch"
            + " ending at " + currentRevision);
      }
      previous = r.revision();
    }
    if (compactRevision < 0 || compactRevision > currentRevision
        || (compactRevision == 0 && !dropped.isEmpty())) {
      throw new IllegalArgumentException("bad compaction to " + compactRevision + " in a batch"
          + " ending at " + currentRevision);
    }
  }

  /** How many revisions this batch writes. */
  public int size() {
    return revisions.size();
  }

  /** Whether this batch raises the compaction watermark. */
  public boolean compacts() {
    return compactRevision > 0;
  }
}
