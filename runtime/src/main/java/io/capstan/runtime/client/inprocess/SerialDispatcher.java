package io.capstan.runtime.client.inprocess;

import io.capstan.spi.clock.TaskExecutor;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared {@link TaskExecutor}: a watch's
 * "own dispatch thread" without a thread per watch. Submitting never blocks.
 */
final class SerialDispatcher {

  private static final Logger log = LoggerFactory.getLogger(SerialDispatcher.class);

  private final TaskExecutor executor;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();

  SerialDispatcher(TaskExecutor executor) {
    this.executor = executor;
  }

  void submit(Runnable task) {
    tasks.add(task);
    if (pending.getAndIncrement() == 0) {
      executor.execute(this::drain);
    }
  }

  private void drain() {
    do {
      Runnable task = tasks.poll();
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("watch handler failed; the watch goes on", e);
      }
    } while (pending.decrementAndGet() > 0);
  }

  int pending() {
    return pending.get();
  }
}
