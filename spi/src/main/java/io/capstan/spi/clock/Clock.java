package io.capstan.spi.clock;

import java.time.Instant;

/**
 * Where time comes from. Every component and plugin reads time only through this interface (never
 * {@code System.currentTimeMillis()} or {@code Instant.now()}), so that a virtual clock can replay a
 * simulation deterministically and tests can move time by hand.
 *
 * <p>Thread-safe; never blocks.
 */
public interface Clock {

  /** Wall-clock time, for timestamps written to objects (creationTimestamp, lastHeartbeatTime). */
  Instant now();

  /**
   * Monotonic time in nanoseconds, for measuring intervals and deadlines. Only differences between
   * two values are meaningful; it never goes backwards.
   */
  long nanoTime();
}
