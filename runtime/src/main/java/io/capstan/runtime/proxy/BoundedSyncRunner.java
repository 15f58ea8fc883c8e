package io.capstan.runtime.proxy;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.clock.Cancellable;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-proxy's {@code BoundedFrequencyRunner}: {@link #request()} runs the action at once unless
 * the last run was less than {@code minPeriod} ago (then when it has passed; requests in between
 * fold into that one run), and it runs every {@code period} regardless. A failing action is retried
 * after {@code minPeriod}. Runs never overlap. Timers use the injected clock and executor.
 */
public final class BoundedSyncRunner implements AutoCloseable {

  /** The work: build the latest state and apply it. */
  @FunctionalInterface
  public interface Action {
    void run() throws Exception;
  }

  private static final Logger LOG = LoggerFactory.getLogger(BoundedSyncRunner.class);

  private final String name;
  private final Clock clock;
  private final TaskExecutor executor;
  private final Duration minPeriod;
  private final Duration period;
  private final Action action;
  private final Object runLock = new Object();
  private boolean enabled; // guarded by this
  private boolean closed; // guarded by this
  private Cancellable pending; // guarded by this
  private Cancellable periodic; // guarded by this
  private long lastRunNanos; // guarded by this
  private boolean everRun; // guarded by this

  public BoundedSyncRunner(String name, Clock clock, TaskExecutor executor, Duration minPeriod, Duration period,
      Action action) {
    this.name = requireNonNull(name, "name");
    this.clock = requireNonNull(clock, "clock");
    this.executor = requireNonNull(executor, "executor");
    this.minPeriod = requireNonNull(minPeriod, "minPeriod");
    this.period = requireNonNull(period, "period");
    this.action = requireNonNull(action, "action");
  }

  /** Starts running: requests before this are remembered as one and run now. */
  public synchronized void enable() {
    if (closed || enabled) {
      return;
    }
    enabled = true;
    periodic = executor.scheduleAtFixedRate(period, period, this::request);
    pending = null;
    request();
  }

  /** Asks for a run: now, or when {@code minPeriod} has passed since the last one. */
  public synchronized void request() {
    if (closed || !enabled || pending != null) {
      return;
    }
    Duration wait = Duration.ZERO;
    if (everRun) {
      wait = minPeriod.minusNanos(clock.nanoTime() - lastRunNanos);
    }
    pending = executor.schedule(wait.isNegative() ? Duration.ZERO : wait, this::runNow);
  }

  private void runNow() {
    synchronized (this) {
      pending = null;
      if (closed) {
        return;
      }
      lastRunNanos = clock.nanoTime();
      everRun = true;
    }
    synchronized (runLock) {
      try {
        action.run();
      } catch (Exception e) {
        LOG.warn("{}: sync failed, retrying in {}: {}", name, minPeriod, e.toString());
        request();
      }
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (pending != null) {
      pending.cancel();
    }
    if (periodic != null) {
      periodic.cancel();
    }
  }
}
