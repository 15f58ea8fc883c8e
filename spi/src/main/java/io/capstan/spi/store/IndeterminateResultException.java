package io.capstan.spi.store;

/**
 * A write's outcome is unknown: it may have been applied, or not, and may still be applied later
 * (a timeout or a lost connection after the request left, a leader change in etcd, the caller's
 * thread interrupted while waiting for group commit). Only writes (and lease calls) throw it.
 *
 * <p>The caller must not assume either outcome: read the key again and decide (a compare on
 * {@code modRevision} makes a retry safe). The Kubernetes layer answers 504 with a message saying
 * the write may have happened. Conformance checkers treat such an operation as possibly taking
 * effect at any later point.
 */
public final class IndeterminateResultException extends StoreException {

  private static final long serialVersionUID = 1L;

  public IndeterminateResultException(String message, Throwable cause) {
    super(message, cause);
  }
}
