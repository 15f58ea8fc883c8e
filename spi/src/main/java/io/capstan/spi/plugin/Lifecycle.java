package io.capstan.spi.plugin;

/**
 * Implemented by a service that owns resources (threads, files, sockets). The kernel starts every
 * {@code Lifecycle} service after the injector is built, in dependency order, and stops them in
 * reverse order on shutdown (SIGTERM, Ctrl-C, or the end of a test).
 *
 * <p>{@link #start()} may block until the service is ready; it reports failure by throwing, which
 * aborts start-up and stops everything already started. {@link #close()} must be idempotent, must
 * not throw for a service that never started, and should finish within a few seconds.
 */
public interface Lifecycle extends AutoCloseable {

  /** Opens resources and starts background work. Called once. */
  default void start() throws Exception {}

  /** Releases everything {@link #start()} acquired. Idempotent. */
  @Override
  void close() throws Exception;
}
