package io.capstan.plugins.node.simulated;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.clock.TaskExecutor;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one runtime's events in order, on the shared executor, never on the caller's thread
 * and never two at once: a FIFO drained by at most one task at a time.
 */
final class SerialEvents {

  private static final Logger LOG = LoggerFactory.getLogger(SerialEvents.class);

  private final TaskExecutor executor;
  private final ArrayDeque<Runnable> pending = new ArrayDeque<>(); // guarded by this
  private boolean scheduled; // guarded by this

  SerialEvents(TaskExecutor executor) {
    this.executor = requireNonNull(executor, "executor");
  }

  void post(Runnable event) {
    synchronized (this) {
      pending.addLast(event);
      if (scheduled) {
        return;
      }
      scheduled = true;
    }
    executor.execute(this::drain);
  }

  private void drain() {
    for (int i = 0; i < 512; i++) {
      Runnable next;
      synchronized (this) {
        next = pending.pollFirst();
        if (next == null) {
          scheduled = false;
          return;
        }
      }
      try {
        next.run();
      } catch (RuntimeException e) {
        LOG.error("simulated runtime event listener failed; delivery goes on", e);
      }
    }
    executor.execute(this::drain);
  }
}
