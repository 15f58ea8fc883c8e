package io.capstan.plugins.store.mvcc;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * How a writer waits for its group commit before it blocks: it yields the CPU in a loop for a
 * short while, and parks only if the commit has not come by then.
 *
 * <p>Why: with N writers blocked on one sync, every commit wakes N parked threads, one futex
 * wake-up after the other, and the next sync can only start once they have applied their next
 * writes. Measured on the 2-vCPU reference machine with 16 writers, that wake-up chain took
 * longer (about 180 µs a batch) than the synced write itself (about 150 µs): each wake-up is a
 * system call, an inter-processor interrupt and a context switch, and the woken writers queue for
 * the CPU one after the other. A writer that yields instead sees its commit on its next turn (a
 * yield costs about a microsecond), and the sync thread acknowledges without waking anyone. The
 * gap between two syncs fell to about 100 µs and 16 writers did 40-45 % more puts per second.
 *
 * <p>The sync thread waits the same way while it gathers the next batch ({@link #gather}): the
 * writer that completes a batch then need not wake it, which saved another ~40 µs a batch.
 *
 * <p>What it costs, and the bounds that keep it cheap:
 *
 * <ul>
 *   <li>CPU while waiting, meant to be CPU nobody else wants. {@link Thread#yield()} alone does
 *       not ensure that (the scheduler keeps picking a thread that yields), so a yield that let
 *       other threads run for longer than {@link #BUSY_YIELD_NANOS} ends the spin.
 *   <li>At most three times the last sync per write (the longest a commit should take), capped at
 *       {@code spin}, and none when the last sync alone took more than half of {@code spin} (a
 *       slow or loaded disk: parking costs little next to such a wait).
 *   <li>At most {@link #SPINNERS_PER_CPU} writers per core yield at once; more wait parked. Each
 *       yielding writer delays a just-acknowledged one by about one yield, so beyond that many a
 *       round of yields costs more than the futex wake-up it saves.
 * </ul>
 */
final class CommitWait {

  /**
   * A yield that kept this thread off the CPU longer than this means other threads had real work
   * for it, not just writers yielding or applying (a few microseconds each): spinning on would
   * take CPU from them, since the scheduler keeps picking a thread that yields. Measured with the
   * API server's pod creates while 1,000 watch streams took the rest of the CPU: yielding without
   * this check cut creates/s by a third; with it they were within the noise of parking at once.
   */
  static final long BUSY_YIELD_NANOS = 50_000;

  /** Writers per core that may yield at the same time. */
  static final int SPINNERS_PER_CPU = 8;

  private final long spinNanos;
  private final int maxSpinners;
  private final long busyYieldNanos;
  private final AtomicInteger spinners = new AtomicInteger();

  /**
   * @param spin how long one writer yields at most before it parks; zero parks at once
   */
  CommitWait(Duration spin) {
    this(spin, SPINNERS_PER_CPU * Runtime.getRuntime().availableProcessors(), BUSY_YIELD_NANOS);
  }

  /** With other limits; tests use it to make the spin deterministic. */
  CommitWait(Duration spin, int maxSpinners, long busyYieldNanos) {
    if (spin.isNegative()) {
      throw new IllegalArgumentException("spin must not be negative, was " + spin);
    }
    this.spinNanos = spin.toNanos();
    this.maxSpinners = maxSpinners;
    this.busyYieldNanos = busyYieldNanos;
  }

  /**
   * Yields until {@code commit} is done or the spin is over; the caller then takes the result from
   * the future as usual (parking if it is still not done).
   *
   * @param lastSyncNanos how long the latest synced write took
   */
  void spinUntilDone(Future<?> commit, long lastSyncNanos) {
    if (spinNanos == 0 || commit.isDone() || lastSyncNanos > spinNanos / 2) {
      return;
    }
    try {
      if (spinners.incrementAndGet() > maxSpinners) {
        return;
      }
      // a write waits at most for the sync in progress, the gathering of its own batch (no longer
      // than a sync) and its own sync: three syncs; beyond that it is waiting for something else
      long budget = lastSyncNanos == 0 ? spinNanos : Math.min(spinNanos, 3 * lastSyncNanos);
      yieldUntil(commit::isDone, System.nanoTime() + budget);
    } finally {
      spinners.decrementAndGet();
    }
  }

  /**
   * The sync thread, gathering the next batch: yields until {@code gathered} or the window is
   * over, under the same rules as a writer (none when the window is more than half the spin).
   * Yielding instead of waiting on a condition saves each batch the sync thread's wake-up by the
   * writer that completes it (about 40 µs a batch with 16 writers on the 2-vCPU machine, where
   * the woken thread queues for a CPU behind the writers).
   *
   * @return true if it yielded until {@code gathered} or the window was over; false if it did not
   *     spin or stopped early because other threads wanted the CPU (the caller then waits as usual
   *     for what is left of the window)
   */
  boolean gather(BooleanSupplier gathered, long windowNanos) {
    return gathers(windowNanos) && yieldUntil(gathered, System.nanoTime() + windowNanos);
  }

  /** Whether {@link #gather} would yield at all for this window. */
  boolean gathers(long windowNanos) {
    return spinNanos > 0 && windowNanos <= spinNanos / 2;
  }

  /** Yields until {@code done} or {@code deadline}; false if a yield found the CPU busy. */
  private boolean yieldUntil(BooleanSupplier done, long deadline) {
    long now = System.nanoTime();
    while (!done.getAsBoolean() && now - deadline < 0) {
      Thread.yield();
      long before = now;
      now = System.nanoTime();
      if (now - before > busyYieldNanos) {
        return false; // other threads had work for the CPU: leave it to them and park
      }
    }
    return true;
  }

  /** Writers yielding right now; for tests. */
  int spinning() {
    return spinners.get();
  }
}
