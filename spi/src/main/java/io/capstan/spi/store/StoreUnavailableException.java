package io.capstan.spi.store;

/**
 * The store could not serve the call and <em>did not</em> apply it: it is shutting down, the etcd
 * cluster has no leader or refused the request before executing it, a read timed out, or the space
 * quota is exhausted. Safe to retry after a back-off; the API server answers 503 (or 500 for a
 * quota alarm with the message saying so).
 */
public final class StoreUnavailableException extends StoreException {

  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message) {
    super(message);
  }

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
