package io.capstan.runtime.scheduler.framework;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * Runs work over {@code n} pieces in chunks on the injected executor (Kubernetes'
 * {@code parallelize.Until}). The calling thread takes chunks too, so the work finishes even when
 * no helper ever runs (a busy pool, or the deterministic executor, which runs helpers later as
 * no-ops): results therefore never depend on thread timing as long as each piece writes only its
 * own slot. Chunks are claimed in ascending order, so an early stop leaves a completed prefix.
 *
 * <p>At most {@code min(parallelism, cores)} threads work on one run: Kubernetes' 16 workers are
 * goroutines, here each helper is a pool task whose wake-up costs more than the pieces it would
 * take once the cores are busy, so helpers beyond the core count only add overhead.
 */
public final class Parallelizer {

  private final Executor executor;
  private final int parallelism;
  private final int workers;

  public Parallelizer(Executor executor, int parallelism) {
    this(executor, parallelism, Runtime.getRuntime().availableProcessors());
  }

  /** @param cores the threads that can actually run at once; caps the workers of a run */
  public Parallelizer(Executor executor, int parallelism, int cores) {
    this.executor = requireNonNull(executor, "executor");
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, was " + parallelism);
    }
    this.parallelism = parallelism;
    this.workers = Math.max(1, Math.min(parallelism, cores));
  }

  public int parallelism() {
    return parallelism;
  }

  /** Runs {@code work} for every piece in [0, n). */
  public void until(int n, IntConsumer work) {
    until(n, work, () -> false);
  }

  /**
   * Runs {@code work} for pieces in [0, n) until {@code stop} says so (checked before each chunk).
   *
   * @return how many pieces were processed: always a prefix [0, result)
   */
  public int until(int n, IntConsumer work, BooleanSupplier stop) {
    if (n <= 0) {
      return 0;
    }
    int chunk = Math.max(1, Math.min(64, (int) Math.sqrt(n)));
    int chunks = (n + chunk - 1) / chunk;
    Run run = new Run(n, chunk, chunks, work, stop);
    int helpers = Math.min(workers, chunks) - 1;
    for (int i = 0; i < helpers; i++) {
      executor.execute(run::work);
    }
    run.work();
    run.awaitClaimed();
    Throwable failure = run.failure.get();
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    return Math.min(n, run.claimed.get() * chunk);
  }

  private static final class Run {
    final int n;
    final int chunk;
    final int chunks;
    final IntConsumer work;
    final BooleanSupplier stop;
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger claimed = new AtomicInteger();
    final AtomicInteger done = new AtomicInteger();
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    volatile boolean closed;

    Run(int n, int chunk, int chunks, IntConsumer work, BooleanSupplier stop) {
      this.n = n;
      this.chunk = chunk;
      this.chunks = chunks;
      this.work = work;
      this.stop = stop;
    }

    void work() {
      while (!closed) {
        int c;
        synchronized (this) {
          if (closed || failure.get() != null || stop.getAsBoolean()) {
            closed = true;
            return;
          }
          c = next.getAndIncrement();
          if (c >= chunks) {
            closed = true;
            return;
          }
          claimed.incrementAndGet();
        }
        try {
          int end = Math.min(n, (c + 1) * chunk);
          for (int i = c * chunk; i < end; i++) {
            work.accept(i);
          }
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        } finally {
          synchronized (this) {
            done.incrementAndGet();
            notifyAll();
          }
        }
      }
    }

    synchronized void awaitClaimed() {
      boolean interrupted = false;
      while (done.get() < claimed.get()) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
