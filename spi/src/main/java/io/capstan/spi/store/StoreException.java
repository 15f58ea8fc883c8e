package io.capstan.spi.store;

/**
 * The base of every failure a {@link Store} reports, other than a malformed request (which is an
 * {@link IllegalArgumentException}) and use after close (an {@link IllegalStateException}).
 *
 * <p>Unchecked because store calls sit under request handlers that translate failures into
 * Kubernetes {@code Status} bodies in one place; the subclasses say what the caller can do. A plain
 * {@code StoreException} is an internal error (corruption, a failed disk): not retryable.
 */
public class StoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
