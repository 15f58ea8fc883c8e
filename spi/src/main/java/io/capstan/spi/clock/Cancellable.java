package io.capstan.spi.clock;

/** A handle on a scheduled task. */
@FunctionalInterface
public interface Cancellable {

  /**
   * Prevents future runs of the task. A run already in progress completes. Idempotent.
   *
   * @return true if this call cancelled the task, false if it had already run (one-shot), was
   *     cancelled before, or the executor was shut down
   */
  boolean cancel();
}
