package io.capstan.runtime.node;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.clock.TaskExecutor;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pod work of every node of the process in one de-duplicating queue, processed by at most
 * {@code workers} tasks at a time on the shared executor: no thread per node, and a key is never
 * processed by two workers at once (a key added while it is processed runs again afterwards), as
 * client-go's work queue guarantees.
 *
 * @param <K> the key, with value equality
 */
final class PodWorkQueue<K> {

  private static final Logger LOG = LoggerFactory.getLogger(PodWorkQueue.class);
  private static final int BATCH = 64;

  private final TaskExecutor executor;
  private final int workers;
  private final Consumer<K> handler;
  private final ArrayDeque<K> ready = new ArrayDeque<>(); // guarded by this
  private final Set<K> dirty = new HashSet<>(); // guarded by this
  private final Set<K> processing = new HashSet<>(); // guarded by this
  private int active; // guarded by this
  private boolean shutDown; // guarded by this

  PodWorkQueue(TaskExecutor executor, int workers, Consumer<K> handler) {
    this.executor = requireNonNull(executor, "executor");
    this.handler = requireNonNull(handler, "handler");
    if (workers <= 0) {
      throw new IllegalArgumentException("workers must be > 0");
    }
    this.workers = workers;
  }

  void add(K key) {
    requireNonNull(key, "key");
    boolean start;
    synchronized (this) {
      if (shutDown || !dirty.add(key)) {
        return;
      }
      if (processing.contains(key)) {
        return; // re-queued when its processing ends
      }
      ready.addLast(key);
      start = active < workers;
      if (start) {
        active++;
      }
    }
    if (start) {
      executor.execute(this::work);
    }
  }

  void addAfter(K key, Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      add(key);
    } else {
      executor.schedule(delay, () -> add(key));
    }
  }

  synchronized int length() {
    return ready.size();
  }

  void shutDown() {
    synchronized (this) {
      shutDown = true;
      ready.clear();
      dirty.clear();
    }
  }

  private void work() {
    for (int i = 0; i < BATCH; i++) {
      K key;
      synchronized (this) {
        key = shutDown ? null : ready.pollFirst();
        if (key == null) {
          active--;
          return;
        }
        dirty.remove(key);
        processing.add(key);
      }
      try {
        handler.accept(key);
      } catch (RuntimeException e) {
        LOG.error("pod work {} failed; it runs again on its next change", key, e);
      } finally {
        synchronized (this) {
          processing.remove(key);
          if (dirty.contains(key) && !shutDown) {
            ready.addLast(key);
          }
        }
      }
    }
    executor.execute(this::work); // yield between batches; still counted as active
  }
}
