package io.capstan.plugins.controllers.shared;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;

/**
 * Kubernetes' {@code slowStartBatch}: calls {@code fn} {@code count} times in batches of 1, 2, 4,
 * 8, ... ({@code initialBatchSize} doubling), the calls of one batch concurrently, and stops after
 * the first batch with a failure, so a request that fails (quota, admission) costs one call instead
 * of hundreds. Returns how many calls succeeded.
 *
 * <p>The calls of a batch run on the caller and on at most {@code parallelism - 1} tasks of the
 * host's executor. The caller takes calls from the batch as well and waits only for calls another
 * thread has already started, so this completes on a busy pool and on a single-threaded
 * (virtual-clock) executor, where the submitted tasks find nothing left to do.
 */
public final class SlowStartBatch {

  private SlowStartBatch() {}

  /**
   * Runs the batches. {@code fn} receives the call's index (0 .. count-1) and returns whether it
   * succeeded; it must be thread-safe. A call that throws ends the run like a failure, and the
   * first exception is rethrown once its batch has finished (so it reaches the host's error
   * handling as it would from a sequential loop).
   */
  public static int run(int count, int initialBatchSize, int parallelism, Executor executor, IntPredicate fn) {
    requireNonNull(executor, "executor");
    requireNonNull(fn, "fn");
    if (initialBatchSize < 1 || parallelism < 1) {
      throw new IllegalArgumentException("initialBatchSize and parallelism must be positive");
    }
    int remaining = count;
    int successes = 0;
    int offset = 0;
    for (int batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
      int ok = runBatch(offset, batch, parallelism, executor, fn);
      successes += ok;
      if (ok != batch) {
        return successes;
      }
      offset += batch;
      remaining -= batch;
    }
    return successes;
  }

  private static int runBatch(int offset, int size, int parallelism, Executor executor, IntPredicate fn) {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger ok = new AtomicInteger();
    AtomicReference<RuntimeException> thrown = new AtomicReference<>();
    CountDownLatch finished = new CountDownLatch(size);
    Runnable worker = () -> {
      for (int i = next.getAndIncrement(); i < size; i = next.getAndIncrement()) {
        try {
          if (fn.test(offset + i)) {
            ok.incrementAndGet();
          }
        } catch (RuntimeException e) {
          thrown.compareAndSet(null, e); // rethrown by the caller once the batch is over
        } finally {
          finished.countDown();
        }
      }
    };
    List<Runnable> helpers = new ArrayList<>();
    for (int h = 1; h < Math.min(size, parallelism); h++) {
      helpers.add(worker);
    }
    for (Runnable helper : helpers) {
      try {
        executor.execute(helper);
      } catch (RejectedExecutionException shuttingDown) {
        break; // the caller does the rest
      }
    }
    worker.run();
    try {
      finished.await(); // only calls other threads already started are left
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while a slow-start batch was running", e);
    }
    if (thrown.get() != null) {
      throw thrown.get();
    }
    return ok.get();
  }
}
