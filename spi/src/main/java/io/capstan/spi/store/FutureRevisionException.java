package io.capstan.spi.store;

/**
 * A read or a compaction asked for a revision newer than the store's current revision (etcd's
 * {@code ErrFutureRev}). Watches never throw it: a watch from a future revision waits.
 */
public final class FutureRevisionException extends StoreException {

  private static final long serialVersionUID = 1L;

  private final long currentRevision;

  public FutureRevisionException(long requestedRevision, long currentRevision) {
    super("required revision " + requestedRevision + " is a future revision; the current one is "
        + currentRevision);
    this.currentRevision = currentRevision;
  }

  public long currentRevision() {
    return currentRevision;
  }
}
