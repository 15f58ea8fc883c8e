package io.capstan.runtime.clock;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.clock.Cancellable;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.plugin.Lifecycle;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wall-clock {@link TaskExecutor}: a small fixed pool of daemon threads named {@code
 * capstan-exec-N} on top of a {@link ScheduledThreadPoolExecutor}, shared by every component.
 *
 * <p>Periodic tasks are run as a chain of one-shot tasks ({@link PeriodicRun}) rather than with the
 * pool's own {@code scheduleAtFixedRate}, for two reasons: the JDK version catches up on missed runs
 * back to back, which the SPI contract forbids, and it stops a periodic task forever after one
 * exception, which the contract forbids too.
 *
 * <p>Tasks due at the same instant start in submission order (the pool orders by trigger time, then
 * sequence number); with more than one thread they may of course overlap and finish in any order.
 */
public final class PooledTaskExecutor implements TaskExecutor, Lifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(PooledTaskExecutor.class);

  /** Returned for submissions after shutdown: nothing to cancel. */
  static final Cancellable CANCELLED = () -> false;

  private final ScheduledThreadPoolExecutor pool;
  private final Duration shutdownGrace;

  /**
   * @param threads the number of worker threads, positive
   * @param shutdownGrace how long {@link #close()} lets running tasks finish before interrupting
   */
  public PooledTaskExecutor(int threads, Duration shutdownGrace) {
    if (threads <= 0) {
      throw new IllegalArgumentException("threads must be positive, was " + threads);
    }
    this.shutdownGrace = requireNonNull(shutdownGrace, "shutdownGrace");
    this.pool = new ScheduledThreadPoolExecutor(threads, new NamedDaemonThreads());
    // cancelled timers (lease timeouts, mostly) must not pile up in the queue until they are due
    pool.setRemoveOnCancelPolicy(true);
    // on close, delayed tasks are dropped; only what is already running gets the grace period
    pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    pool.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
  }

  /** The number of worker threads. */
  public int threads() {
    return pool.getCorePoolSize();
  }

  @Override
  public void execute(Runnable task) {
    schedule(Duration.ZERO, task);
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    requireNonNull(task, "task");
    ScheduledFuture<?> future = submit(Schedules.toNanos(delay), guarded(task));
    if (future == null) {
      return CANCELLED;
    }
    return () -> !pool.isShutdown() && future.cancel(false);
  }

  @Override
  public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
    long periodNanos = Schedules.periodNanos(period, "period");
    return startPeriodic(initialDelay, task, (due, endedAt) ->
        Schedules.nextFixedRateRun(due, periodNanos, endedAt));
  }

  @Override
  public Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration delay, Runnable task) {
    long delayNanos = Schedules.periodNanos(delay, "delay");
    return startPeriodic(initialDelay, task, (due, endedAt) -> Schedules.plus(endedAt, delayNanos));
  }

  private Cancellable startPeriodic(Duration initialDelay, Runnable task, PeriodicRun.Next next) {
    requireNonNull(task, "task");
    long first = Schedules.plus(System.nanoTime(), Schedules.toNanos(initialDelay));
    PeriodicRun run = new PeriodicRun(this, guarded(task), next);
    if (!run.scheduleAt(first)) {
      return CANCELLED;
    }
    return run;
  }

  /** Schedules a one-shot; null when the pool is shut down (the submission is dropped). */
  ScheduledFuture<?> submit(long delayNanos, Runnable task) {
    try {
      return pool.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException shutDown) {
      return null;
    }
  }

  boolean isShutdown() {
    return pool.isShutdown();
  }

  /** Catches what a task throws, so it neither kills a periodic chain nor disappears silently. */
  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (VirtualMachineError fatal) {
        throw fatal;
      } catch (Throwable failure) {
        LOG.error("Task {} failed; later tasks and periodic runs go on", task, failure);
      }
    };
  }

  /**
   * Stops accepting work, drops delayed tasks, gives running ones {@code shutdownGrace} to finish,
   * then interrupts them. Idempotent.
   */
  @Override
  public void close() throws InterruptedException {
    if (pool.isTerminated()) {
      return;
    }
    pool.shutdown();
    if (!pool.awaitTermination(shutdownGrace.toNanos(), TimeUnit.NANOSECONDS)) {
      LOG.warn("Tasks still running {} after shutdown; interrupting them", shutdownGrace);
      pool.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "PooledTaskExecutor[threads=" + threads() + "]";
  }

  /** Names threads {@code capstan-exec-1..N} so thread dumps show whose they are. */
  private static final class NamedDaemonThreads implements ThreadFactory {
    private final AtomicInteger counter = new AtomicInteger();

    @Override
    public Thread newThread(Runnable runnable) {
      Thread thread = new Thread(runnable, "capstan-exec-" + counter.incrementAndGet());
      // daemon: a forgotten executor must not keep the JVM alive after main() returns
      thread.setDaemon(true);
      return thread;
    }
  }
}
