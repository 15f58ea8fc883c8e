package io.capstan.runtime.clock;

import io.capstan.spi.clock.Cancellable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A periodic task of the {@link PooledTaskExecutor}, run as a chain of one-shots: each run schedules
 * the next one when it ends. The handle stays the same across runs, so one {@link #cancel()} stops
 * the whole chain.
 */
final class PeriodicRun implements Cancellable, Runnable {

  /** Computes the next due time from the one just run and the time the run ended. */
  @FunctionalInterface
  interface Next {
    long after(long due, long endedAt);
  }

  private final PooledTaskExecutor executor;
  private final Runnable task;
  private final Next next;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final Object lock = new Object();
  private ScheduledFuture<?> current; // guarded by lock
  private long due; // guarded by lock

  PeriodicRun(PooledTaskExecutor executor, Runnable task, Next next) {
    this.executor = executor;
    this.task = task;
    this.next = next;
  }

  /** Schedules the next run at {@code nanoTime}; false if the executor is shut down. */
  boolean scheduleAt(long nanoTime) {
    synchronized (lock) {
      if (cancelled.get()) {
        return false;
      }
      ScheduledFuture<?> future =
          executor.submit(Math.max(0L, nanoTime - System.nanoTime()), this);
      if (future == null) {
        return false;
      }
      due = nanoTime;
      current = future;
      return true;
    }
  }

  @Override
  public void run() {
    if (cancelled.get()) {
      return;
    }
    task.run(); // already guarded: never throws except for fatal VM errors
    long scheduledDue;
    synchronized (lock) {
      scheduledDue = due;
    }
    scheduleAt(next.after(scheduledDue, System.nanoTime()));
  }

  @Override
  public boolean cancel() {
    if (executor.isShutdown() || !cancelled.compareAndSet(false, true)) {
      return false;
    }
    synchronized (lock) {
      if (current != null) {
        current.cancel(false);
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "PeriodicRun[" + task + "]";
  }
}
