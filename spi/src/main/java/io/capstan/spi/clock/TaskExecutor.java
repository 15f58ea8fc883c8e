package io.capstan.spi.clock;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Where background work and timers run. Every component uses this executor instead of creating
 * threads or {@code ScheduledExecutorService}s of its own, so the whole control plane can run on a
 * small, bounded pool (thousands of simulated nodes, no thread per node) or on the single-threaded
 * deterministic executor of the virtual clock.
 *
 * <p>Contract shared by every implementation:
 *
 * <ul>
 *   <li>Delays are measured on the {@link Clock} bound next to this executor.
 *   <li>Tasks due at the same instant run in the order they were scheduled.
 *   <li>A task that throws is logged and does not stop later runs of a periodic task or other tasks.
 *   <li>Tasks must not block for long (no sleeping, no blocking I/O waits): they run on a shared
 *       pool, and on the virtual executor a blocking task would stall simulated time.
 *   <li>After shutdown, new submissions are silently dropped and return a cancelled handle.
 * </ul>
 */
public interface TaskExecutor extends Executor {

  /** Runs the task as soon as possible. */
  @Override
  void execute(Runnable task);

  /** Runs the task once after the delay. A zero or negative delay means "as soon as possible". */
  Cancellable schedule(Duration delay, Runnable task);

  /**
   * Runs the task first after {@code initialDelay}, then again {@code period} after each run's
   * start time as scheduled (fixed rate: missed runs are not piled up, the next run happens at the
   * next period boundary after the current time).
   */
  Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task);

  /** Runs the task first after {@code initialDelay}, then {@code delay} after each run ends. */
  Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration delay, Runnable task);
}
