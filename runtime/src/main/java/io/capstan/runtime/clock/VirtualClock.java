package io.capstan.runtime.clock;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.clock.Clock;
import java.time.Instant;

/**
 * Simulated time for deterministic runs: it starts at a fixed epoch and moves only when the {@link
 * DeterministicExecutor} that owns it runs tasks or is told to advance. Nothing else can move it, so
 * a simulation's timestamps depend only on its inputs and seed.
 *
 * <p>{@link #nanoTime()} counts nanoseconds since the epoch (it starts at 0) and {@link #now()} is
 * the epoch plus that count, so the two never disagree. Reading is thread-safe and never blocks.
 */
public final class VirtualClock implements Clock {

  private final Instant epoch;
  private volatile long elapsedNanos; // written only by the driving thread

  /** A clock standing at {@code epoch}. */
  public VirtualClock(Instant epoch) {
    this.epoch = requireNonNull(epoch, "epoch");
  }

  /** Where this clock started. */
  public Instant epoch() {
    return epoch;
  }

  @Override
  public Instant now() {
    return epoch.plusNanos(elapsedNanos);
  }

  @Override
  public long nanoTime() {
    return elapsedNanos;
  }

  /**
   * Moves the clock to {@code nanoTime}; called only by the executor. Moving backwards would break
   * the SPI's monotonicity promise, so it is a bug in the caller.
   */
  void moveTo(long nanoTime) {
    if (nanoTime < elapsedNanos) {
      throw new IllegalStateException(
          "virtual time cannot go backwards: at " + elapsedNanos + "ns, asked for " + nanoTime);
    }
    elapsedNanos = nanoTime;
  }

  @Override
  public String toString() {
    return "VirtualClock[" + now() + "]";
  }
}
