package io.capstan.spi.store;

/**
 * A handle on a running watch, returned by {@link Store#watch}. Thread-safe.
 */
public interface Watch extends AutoCloseable {

  /**
   * The first revision this watch delivers: the requested start revision, or, for a request from
   * "now" (0), the current revision at creation + 1. A caller that lists and then watches from 0
   * can use {@code startRevision() - 1} as the revision its list must at least cover.
   */
  long startRevision();

  /**
   * Stops the watch. After this returns the listener is not called again, except that a call already
   * running on another thread completes; called from inside the listener, no further call happens.
   * No terminal response is delivered for a cancellation. Idempotent; never blocks for long.
   */
  void cancel();

  /** Same as {@link #cancel()}, for try-with-resources. */
  @Override
  default void close() {
    cancel();
  }
}
