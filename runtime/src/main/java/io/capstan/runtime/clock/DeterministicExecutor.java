package io.capstan.runtime.clock;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.clock.Cancellable;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.plugin.Lifecycle;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-threaded {@link TaskExecutor} of the virtual clock. Tasks wait in a queue ordered by
 * (due time, sequence number) and run only when a simulation driver calls {@link #runUntilIdle()},
 * {@link #advance(Duration)}, {@link #runUntil(Instant)} or {@link #runNextTask()}, on the thread
 * that makes the call. Time jumps straight to each task's due time before the task runs, so a
 * simulated hour takes as long as its tasks take to compute, and {@code clock.now()} inside a task
 * is exactly the time it was due (unless an earlier task at the same instant called {@link
 * #busyFor(Duration)}, in which case it runs late, as it would on a busy real thread).
 *
 * <p>Submitting is thread-safe: a task handed over from another thread (an HTTP handler, a test) is
 * queued at the current virtual time and runs on the driving thread. Only one thread may drive at a
 * time, and a task may not drive the executor that runs it.
 *
 * <p>For a given seed and the same sequence of submissions, every run produces the same task order,
 * the same timestamps and the same {@link #random()} numbers.
 */
public final class DeterministicExecutor implements TaskExecutor, Lifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(DeterministicExecutor.class);

  private final VirtualClock clock;
  // java.util.Random's algorithm is fixed by its specification, so a seed replays the same numbers
  // on every JDK, unlike RandomGenerator.getDefault()
  private final Random random;
  private final Object lock = new Object();
  private final TreeSet<VirtualTask> queue = new TreeSet<>(VirtualTask.ORDER); // guarded by lock
  private long nextSequence; // guarded by lock
  private boolean shutdown; // guarded by lock
  private final AtomicReference<Thread> driver = new AtomicReference<>();
  private VirtualTask running; // touched only by the driving thread

  public DeterministicExecutor(VirtualClock clock, long seed) {
    this.clock = requireNonNull(clock, "clock");
    this.random = new Random(seed);
  }

  /** The clock this executor moves. */
  public VirtualClock clock() {
    return clock;
  }

  /** The seeded source of randomness for simulations: jitter, failures, workload arrivals. */
  public RandomGenerator random() {
    return random;
  }

  /** Tasks waiting to run, including the next run of each periodic task; excludes cancelled ones. */
  public int pendingTasks() {
    synchronized (lock) {
      return queue.size();
    }
  }

  /** When the earliest pending task is due, if there is one. */
  public Optional<Instant> nextTaskTime() {
    synchronized (lock) {
      return queue.isEmpty()
          ? Optional.empty()
          : Optional.of(clock.epoch().plusNanos(queue.first().due));
    }
  }

  @Override
  public void execute(Runnable task) {
    schedule(Duration.ZERO, task);
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    return enqueue(Schedules.toNanos(delay), task, null);
  }

  @Override
  public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
    long periodNanos = Schedules.periodNanos(period, "period");
    return enqueue(Schedules.toNanos(initialDelay), task,
        (due, endedAt) -> Schedules.nextFixedRateRun(due, periodNanos, endedAt));
  }

  @Override
  public Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration delay, Runnable task) {
    long delayNanos = Schedules.periodNanos(delay, "delay");
    return enqueue(Schedules.toNanos(initialDelay), task,
        (due, endedAt) -> Schedules.plus(endedAt, delayNanos));
  }

  private Cancellable enqueue(long delayNanos, Runnable task, VirtualTask.Next next) {
    requireNonNull(task, "task");
    synchronized (lock) {
      if (shutdown) {
        return PooledTaskExecutor.CANCELLED;
      }
      long due = Schedules.plus(clock.nanoTime(), delayNanos);
      VirtualTask entry = new VirtualTask(this, task, next, due, nextSequence++);
      queue.add(entry);
      return entry;
    }
  }

  boolean cancel(VirtualTask task) {
    synchronized (lock) {
      if (shutdown || task.state != VirtualTask.State.PENDING) {
        return false;
      }
      task.state = VirtualTask.State.CANCELLED;
      queue.remove(task); // absent while a periodic task is running; then it is just not re-queued
      return true;
    }
  }

  /** Runs every task due now, including tasks those tasks schedule for now. Returns how many ran. */
  public int runUntilIdle() {
    return drive(clock.nanoTime());
  }

  /**
   * Moves time forward by {@code duration}, running in order every task due within it (including
   * tasks scheduled by those tasks), each at its own due time; then leaves the clock at the end of
   * the window. Returns the number of tasks run.
   */
  public int advance(Duration duration) {
    requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("cannot advance by a negative duration: " + duration);
    }
    return drive(Schedules.plus(clock.nanoTime(), Schedules.toNanos(duration)));
  }

  /** The same as {@link #advance(Duration)}; reads better in a simulation script. */
  public int runFor(Duration duration) {
    return advance(duration);
  }

  /**
   * Runs every task due up to {@code instant} and leaves the clock there. An instant in the past
   * (a driver's computed target overtaken by {@link #busyFor}) runs what is due now and leaves the
   * clock where it is, since time never goes backwards.
   */
  public int runUntil(Instant instant) {
    requireNonNull(instant, "instant");
    Duration ahead = Duration.between(clock.now(), instant);
    return ahead.isNegative() ? runUntilIdle() : advance(ahead);
  }

  /**
   * Runs the earliest pending task, first moving time to its due time if that is in the future.
   * Returns false, without moving time, if nothing is pending.
   */
  public boolean runNextTask() {
    enterDriver();
    try {
      VirtualTask task;
      synchronized (lock) {
        task = queue.isEmpty() ? null : takeFirst();
      }
      if (task != null) {
        runOne(task);
      }
      return task != null;
    } finally {
      driver.set(null);
    }
  }

  /**
   * Simulates the running task keeping its thread busy for {@code duration}: the clock moves on and
   * no other task runs meanwhile, so tasks due in that time run late, as on a busy real thread. This
   * is how a simulation models work that takes time, and what separates fixed-rate from fixed-delay
   * scheduling. Callable only from a task this executor is running.
   */
  public void busyFor(Duration duration) {
    requireNonNull(duration, "duration");
    if (driver.get() != Thread.currentThread() || running == null) {
      throw new IllegalStateException("busyFor may only be called by a task this executor runs");
    }
    clock.moveTo(Schedules.plus(clock.nanoTime(), Schedules.toNanos(duration)));
  }

  private int drive(long target) {
    enterDriver();
    try {
      int ran = 0;
      while (true) {
        VirtualTask task;
        synchronized (lock) {
          if (queue.isEmpty() || queue.first().due > target) {
            break;
          }
          task = takeFirst();
        }
        runOne(task);
        ran++;
      }
      if (target > clock.nanoTime()) {
        clock.moveTo(target);
      }
      return ran;
    } finally {
      driver.set(null);
    }
  }

  /** Removes the head of the queue; a one-shot counts as done from here, so cancel returns false. */
  private VirtualTask takeFirst() {
    VirtualTask task = queue.pollFirst();
    if (!task.periodic()) {
      task.state = VirtualTask.State.DONE;
    }
    return task;
  }

  private void runOne(VirtualTask task) {
    clock.moveTo(Math.max(clock.nanoTime(), task.due));
    running = task;
    try {
      task.task.run();
    } catch (VirtualMachineError fatal) {
      throw fatal;
    } catch (Throwable failure) {
      LOG.error("Task {} failed at virtual time {}; later tasks and periodic runs go on",
          task, clock.now(), failure);
    } finally {
      running = null;
    }
    if (task.periodic()) {
      synchronized (lock) {
        if (task.state == VirtualTask.State.PENDING && !shutdown) {
          task.due = task.next.after(task.due, clock.nanoTime());
          task.sequence = nextSequence++;
          queue.add(task);
        }
      }
    }
  }

  private void enterDriver() {
    Thread current = Thread.currentThread();
    if (!driver.compareAndSet(null, current)) {
      Thread other = driver.get();
      throw new IllegalStateException(other == current
          ? "a task cannot drive the executor running it; schedule a task instead"
          : "the executor is already being driven by thread " + other.getName());
    }
  }

  /** Drops every pending task; later submissions are dropped and return a cancelled handle. */
  @Override
  public void close() {
    synchronized (lock) {
      shutdown = true;
      queue.forEach(task -> task.state = VirtualTask.State.CANCELLED);
      queue.clear();
    }
  }

  @Override
  public String toString() {
    return "DeterministicExecutor[" + clock.now() + ", pending=" + pendingTasks() + "]";
  }
}
