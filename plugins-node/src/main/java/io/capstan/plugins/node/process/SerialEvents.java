package io.capstan.plugins.node.process;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.node.ContainerRuntimeEvents;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the runtime's events on the task executor, one at a time and in the order they were
 * raised (so events of one sandbox are never concurrent or reordered), never on the caller's thread.
 */
final class SerialEvents {

  private static final Logger LOG = LoggerFactory.getLogger(SerialEvents.class);
  private static final ContainerRuntimeEvents NONE = status -> {};

  private final TaskExecutor executor;
  private final Queue<Consumer<ContainerRuntimeEvents>> queue = new ArrayDeque<>();
  private volatile ContainerRuntimeEvents listener = NONE;
  private boolean draining;

  SerialEvents(TaskExecutor executor) {
    this.executor = requireNonNull(executor, "executor");
  }

  void setListener(ContainerRuntimeEvents events) {
    listener = requireNonNull(events, "listener");
  }

  void emit(Consumer<ContainerRuntimeEvents> event) {
    synchronized (queue) {
      queue.add(event);
      if (draining) {
        return;
      }
      draining = true;
    }
    executor.execute(this::drain);
  }

  private void drain() {
    while (true) {
      Consumer<ContainerRuntimeEvents> next;
      synchronized (queue) {
        next = queue.poll();
        if (next == null) {
          draining = false;
          return;
        }
      }
      try {
        next.accept(listener);
      } catch (RuntimeException e) {
        LOG.warn("A container runtime listener failed: {}", e.toString(), e);
      }
    }
  }
}
