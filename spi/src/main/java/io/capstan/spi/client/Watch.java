package io.capstan.spi.client;

/** A handle on an open watch. */
public interface Watch extends AutoCloseable {

  /**
   * Stops the watch. No event is delivered after this returns, except one possibly in progress on
   * the dispatch thread. Then {@link WatchHandler#onClose(java.util.Optional)} is called with an
   * empty cause. Idempotent, never throws, does not block for long.
   */
  @Override
  void close();
}
