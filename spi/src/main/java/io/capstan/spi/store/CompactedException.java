package io.capstan.spi.store;

/**
 * A read asked for a revision older than the compaction watermark, or a compaction asked for a
 * revision at or below it. The Kubernetes layer maps it to 410 Gone ("resourceVersion too old"):
 * the caller must list again at the latest revision.
 */
public final class CompactedException extends StoreException {

  private static final long serialVersionUID = 1L;

  private final long compactRevision;

  public CompactedException(long requestedRevision, long compactRevision) {
    super("required revision " + requestedRevision + " has been compacted; the oldest available is "
        + compactRevision);
    this.compactRevision = compactRevision;
  }

  /** The compaction watermark: the oldest revision still readable. */
  public long compactRevision() {
    return compactRevision;
  }
}
