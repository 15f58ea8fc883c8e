package io.capstan.runtime.scheduler;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's events on their way to the API server, as client-go's event broadcaster sends
 * them: off the scheduling and binding paths, taken in the order recorded from a queue of bounded
 * length ({@code maxQueuedEvents}, 1,000) that drops what does not fit rather than holding anyone
 * up (its {@code DropIfChannelFull}). Events are best effort in Kubernetes too. A few writers work
 * at once so a store's commit latency (RocksDB's sync) does not cap the rate at one event per
 * commit; events of one pod are seconds apart, so their order is kept in practice.
 */
final class EventQueue {

  private static final Logger log = LoggerFactory.getLogger(EventQueue.class);

  /** client-go's {@code maxQueuedEvents}. */
  static final int CAPACITY = 1000;
  /** Writers at most at once. */
  static final int WRITERS = 4;

  private final Executor executor;
  private final int capacity;
  private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicInteger writers = new AtomicInteger();
  private final LongAdder dropped = new LongAdder();

  EventQueue(Executor executor, int capacity) {
    this.executor = requireNonNull(executor, "executor");
    this.capacity = capacity;
  }

  /** Queues one event write; drops it (and counts it) when the queue is full. */
  void submit(Runnable write) {
    if (size.incrementAndGet() > capacity) {
      size.decrementAndGet();
      dropped.increment();
      if (Long.bitCount(dropped.sum()) == 1) { // 1st, 2nd, 4th, 8th, ... drop: a log line, not a flood
        log.warn("event queue full ({} events): {} scheduler events dropped so far", capacity, dropped.sum());
      }
      return;
    }
    pending.add(write);
    if (claimWriter()) {
      executor.execute(this::drain);
    }
  }

  /** Events dropped because the queue was full. */
  long dropped() {
    return dropped.sum();
  }

  private boolean claimWriter() {
    while (true) {
      int n = writers.get();
      if (n >= WRITERS) {
        return false;
      }
      if (writers.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  private void drain() {
    while (true) {
      Runnable next;
      while ((next = pending.poll()) != null) {
        size.decrementAndGet();
        try {
          next.run();
        } catch (RuntimeException e) {
          log.debug("event write failed: {}", e.toString());
        }
      }
      writers.decrementAndGet();
      if (pending.isEmpty() || !claimWriter()) {
        return;
      }
    }
  }
}
