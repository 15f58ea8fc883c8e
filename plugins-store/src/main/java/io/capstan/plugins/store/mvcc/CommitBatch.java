package io.capstan.plugins.store.mvcc;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Everything one group commit makes durable, in one atomic write: the revisions in ascending
 * order, the leases granted and removed (a revoke's deletes are among the revisions, so keys and
 * lease go together), and the counters.
 *
 * @param currentRevision the revision counter after this batch
 * @param nextLeaseId the next store-chosen lease id after this batch
 */
public record CommitBatch(
    List<RevisionRecord> revisions,
    List<LeaseRecord> grantedLeases,
    List<Long> removedLeases,
    long currentRevision,
    long nextLeaseId) {

  public CommitBatch {
    revisions = List.copyOf(requireNonNull(revisions, "revisions"));
    grantedLeases = List.copyOf(requireNonNull(grantedLeases, "grantedLeases"));
    removedLeases = List.copyOf(requireNonNull(removedLeases, "removedLeases"));
    long previous = 0;
    for (RevisionRecord r : revisions) {
      if (r.revision() <= previous || r.revision() > currentRevision) {
        throw new IllegalArgumentException("revision " + r.revision() + " out of order in a batch"
            + " ending at " + currentRevision);
      }
      previous = r.revision();
    }
  }

  /** How many revisions this batch writes. */
  public int size() {
    return revisions.size();
  }
}
