package io.capstan.runtime.controllers;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.controller.WorkQueue;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Up to {@code workers} workers of one controller, as tasks on the shared {@link TaskExecutor}
 * rather than threads of their own: a worker exists only while keys are ready. Each worker takes
 * one key with {@link WorkQueue#poll()}, processes it, and resubmits itself, so other tasks (informer
 * dispatch, other controllers) interleave between keys and the deterministic executor can drive it.
 * When nothing is ready the worker ends; {@link #wake()} (called whenever a key becomes ready)
 * starts workers again, never more than {@code workers} at once.
 */
final class WorkerPump<K> {

  private final WorkQueue<K> queue;
  private final TaskExecutor executor;
  private final int workers;
  private final Consumer<K> process;
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger busy = new AtomicInteger();
  private final AtomicBoolean open = new AtomicBoolean();

  WorkerPump(WorkQueue<K> queue, TaskExecutor executor, int workers, Consumer<K> process) {
    this.queue = requireNonNull(queue, "queue");
    this.executor = requireNonNull(executor, "executor");
    if (workers <= 0) {
      throw new IllegalArgumentException("workers must be positive, got " + workers);
    }
    this.workers = workers;
    this.process = requireNonNull(process, "process");
  }

  /** Lets workers run (after the informers synced) and starts as many as there are ready keys. */
  void open() {
    open.set(true);
    for (int i = 0; i < workers; i++) {
      wake();
    }
  }

  /** No new worker starts; the ones running finish their key and end. */
  void close() {
    open.set(false);
  }

  /** Starts one more worker if the limit allows. Non-blocking; safe under the queue's lock. */
  void wake() {
    if (!open.get()) {
      return;
    }
    while (true) {
      int now = running.get();
      if (now >= workers) {
        return;
      }
      if (running.compareAndSet(now, now + 1)) {
        executor.execute(this::work);
        return;
      }
    }
  }

  /** Workers holding a key right now. */
  int busy() {
    return busy.get();
  }

  /** Workers alive (holding a key or about to poll). */
  int running() {
    return running.get();
  }

  private void work() {
    Optional<K> key = open.get() ? queue.poll() : Optional.empty();
    if (key.isEmpty()) {
      running.decrementAndGet();
      // a key that became ready between the poll and the decrement saw a full pump: look again
      if (open.get() && queue.length() > 0) {
        wake();
      }
      return;
    }
    busy.incrementAndGet();
    try {
      process.accept(key.get());
    } finally {
      busy.decrementAndGet();
    }
    executor.execute(this::work);
  }
}
