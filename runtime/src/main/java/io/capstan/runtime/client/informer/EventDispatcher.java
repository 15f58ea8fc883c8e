package io.capstan.runtime.client.informer;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.client.informer.Notification.Added;
import io.capstan.runtime.client.informer.Notification.Deleted;
import io.capstan.runtime.client.informer.Notification.Register;
import io.capstan.runtime.client.informer.Notification.Resync;
import io.capstan.runtime.client.informer.Notification.Synced;
import io.capstan.runtime.client.informer.Notification.Updated;
import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.client.ResourceEventHandler;
import io.capstan.spi.clock.TaskExecutor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single dispatch sequence of one informer: notifications wait in a FIFO and one drain task at
 * a time, on the shared {@link TaskExecutor}, hands them to the handlers, so handlers of one
 * informer are called serially, in order, and never concurrently, without a thread of their own.
 * This replaces client-go's goroutine pair per listener ({@code processorListener.run/pop}); the
 * price, stated by the SPI, is that a slow handler delays the others of the same informer.
 *
 * <p>A drain task delivers at most {@value #BATCH} notifications and then re-submits itself, so a
 * relist of thousands of objects does not hold a pooled thread, or the deterministic executor, for
 * one long stretch.
 *
 * <p>A handler that throws is logged with the object's key and dispatch goes on.
 */
final class EventDispatcher<T extends HasMetadata> {

  private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);
  static final int BATCH = 256;

  private final String kind;
  private final TaskExecutor executor;
  private final Object lock = new Object();
  private final ArrayDeque<Notification<T>> pending = new ArrayDeque<>(); // guarded by lock
  private final Set<ResourceEventHandler<T>> registered =
      Collections.newSetFromMap(new IdentityHashMap<>()); // guarded by lock
  private final CopyOnWriteArrayList<ResourceEventHandler<T>> active = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> synced = new CompletableFuture<>();
  private boolean scheduled; // guarded by lock: a drain task is queued or running
  private boolean stopped; // guarded by lock

  EventDispatcher(String kind, TaskExecutor executor) {
    this.kind = requireNonNull(kind, "kind");
    this.executor = requireNonNull(executor, "executor");
  }

  /** Appends a notification to the sequence. Dropped once stopped. */
  void enqueue(Notification<T> notification) {
    synchronized (lock) {
      if (stopped) {
        return;
      }
      pending.addLast(notification);
      if (!scheduled) {
        scheduled = true;
        executor.execute(this::drain);
      }
    }
  }

  /**
   * Registers a handler, which joins the sequence at this point. The caller passes the objects
   * the handler must first see as added and guarantees that no notification for a later cache
   * change was enqueued before this call (see {@link InformerStore}).
   *
   * @return false when the handler is already registered
   */
  boolean register(ResourceEventHandler<T> handler, List<T> existing) {
    synchronized (lock) {
      if (stopped || !registered.add(handler)) {
        return false;
      }
    }
    enqueue(new Register<>(handler, existing));
    return true;
  }

  void unregister(ResourceEventHandler<T> handler) {
    synchronized (lock) {
      registered.remove(handler);
    }
    active.remove(handler);
  }

  /** True once the {@link Synced} step has been dispatched. */
  boolean hasSynced() {
    return synced.isDone() && !synced.isCompletedExceptionally();
  }

  /** Completes when the {@link Synced} step is dispatched; fails if stopped before that. */
  CompletableFuture<Void> synced() {
    return synced.copy();
  }

  /** Drops what is pending; no handler is called after the notification in progress. */
  void stop() {
    synchronized (lock) {
      stopped = true;
      pending.clear();
      registered.clear();
    }
    active.clear();
    synced.completeExceptionally(new IllegalStateException(
        "the " + kind + " informer was stopped before it synced"));
  }

  private void drain() {
    for (int delivered = 0; delivered < BATCH; delivered++) {
      Notification<T> next;
      synchronized (lock) {
        next = stopped ? null : pending.pollFirst();
        if (next == null) {
          scheduled = false;
          return;
        }
      }
      deliver(next);
    }
    synchronized (lock) {
      if (stopped || pending.isEmpty()) {
        scheduled = false;
        return;
      }
    }
    executor.execute(this::drain); // yield the thread between batches; still one drain at a time
  }

  // an instanceof chain rather than a pattern switch, which Java 17 has only as a preview
  private void deliver(Notification<T> notification) {
    if (notification instanceof Added<T> added) {
      active.forEach(h -> call(h, "add", added.object(), () -> h.onAdd(added.object())));
    } else if (notification instanceof Updated<T> updated) {
      active.forEach(h -> call(h, "update", updated.newObject(),
          () -> h.onUpdate(updated.oldObject(), updated.newObject())));
    } else if (notification instanceof Deleted<T> deleted) {
      active.forEach(h -> call(h, "delete", deleted.lastKnown(),
          () -> h.onDelete(deleted.lastKnown(), deleted.finalStateUnknown())));
    } else if (notification instanceof Register<T> register) {
      join(register);
    } else if (notification instanceof Resync<T> resync) {
      for (T object : resync.objects()) {
        active.forEach(h -> call(h, "resync", object, () -> h.onUpdate(object, object)));
      }
    } else if (notification instanceof Synced<T>) {
      synced.complete(null);
    }
  }

  private void join(Register<T> register) {
    ResourceEventHandler<T> handler = register.handler();
    if (!isRegistered(handler)) {
      return; // removed before it joined
    }
    for (T object : register.existing()) {
      call(handler, "add", object, () -> handler.onAdd(object));
    }
    if (isRegistered(handler)) {
      active.addIfAbsent(handler);
    }
  }

  private boolean isRegistered(ResourceEventHandler<T> handler) {
    synchronized (lock) {
      return registered.contains(handler);
    }
  }

  private void call(ResourceEventHandler<T> handler, String event, T object, Runnable action) {
    try {
      action.run();
    } catch (VirtualMachineError fatal) {
      throw fatal;
    } catch (Throwable failure) { // an AssertionError in a test handler must not stop dispatch
      LOG.error("{} handler {} failed on {} of {}; dispatch goes on", kind, handler, event,
          keyOf(object), failure);
    }
  }

  private static String keyOf(HasMetadata object) {
    try {
      return ObjectKey.of(object).toString();
    } catch (RuntimeException e) {
      return String.valueOf(object);
    }
  }
}
