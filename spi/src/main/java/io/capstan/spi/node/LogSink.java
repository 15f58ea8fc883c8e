package io.capstan.spi.node;

/**
 * Receives log lines from {@link ContainerRuntime#readLogs}. Called on one thread at a time (the
 * caller's for a non-follow read, an executor thread for follow), in log order. Must not block.
 */
public interface LogSink {

  void line(LogLine line);

  /** No more lines: the log was read to its end (non-follow), the container exited, or the
   * reader closed. Called exactly once. */
  default void end() {}
}
