package io.capstan.spi.node;

/** A handle on a log read in progress; closing stops a follow. */
public interface LogSubscription extends AutoCloseable {

  /** Stops delivery; {@link LogSink#end()} follows. Idempotent, never throws. */
  @Override
  void close();
}
