package io.capstan.plugins.store.mvcc;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a {@link Persistence} holds besides the versions themselves.
 *
 * @param currentRevision the revision counter as of the last append (0 for a new store)
 * @param compactRevision the compaction watermark (0 if never compacted)
 * @param nextLeaseId the id the store will hand out next when asked to choose one
 * @param leases the leases that were live
 */
public record RecoveredState(
    long currentRevision, long compactRevision, long nextLeaseId, List<LeaseRecord> leases) {

  /** A store that never ran. */
  public static final RecoveredState EMPTY = new RecoveredState(0, 0, 1, List.of());

  public RecoveredState {
    leases = List.copyOf(requireNonNull(leases, "leases"));
    if (currentRevision < 0 || compactRevision < 0 || compactRevision > currentRevision) {
      throw new IllegalArgumentException("inconsistent revisions: current " + currentRevision
          + ", compacted " + compactRevision);
    }
    if (nextLeaseId < 1) {
      throw new IllegalArgumentException("nextLeaseId must be >= 1, was " + nextLeaseId);
    }
  }
}
