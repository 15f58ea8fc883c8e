package io.capstan.runtime.controllers;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.client.informer.DefaultSharedInformer;
import io.capstan.runtime.client.workqueue.DefaultControllerRateLimiter;
import io.capstan.runtime.client.workqueue.DefaultWorkQueue;
import io.capstan.runtime.client.workqueue.WorkQueueMetrics;
import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.client.ConflictException;
import io.capstan.spi.client.ResourceEventHandler;
import io.capstan.spi.client.SharedInformer;
import io.capstan.spi.clock.Cancellable;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.EventMapper;
import io.capstan.spi.controller.Result;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One controller for one leadership term: its rate-limited work queue fed by the handlers of the
 * informers it declared, its workers (a {@link WorkerPump} on the shared executor), and its periodic
 * resync. Keys are processed only once every informer the controller declared has synced.
 */
final class ControllerRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ControllerRunner.class);

  private final Controller controller;
  private final HostSetup setup;
  private final SharedInformer<? extends HasMetadata> primary;
  private final ControllerContext context;
  private final TaskExecutor executor;
  private final Duration resyncPeriod;
  private final DefaultWorkQueue<ObjectKey> queue;
  private final WorkerPump<ObjectKey> pump;
  private final List<Runnable> unregister = new ArrayList<>();
  private final AtomicLong reconciles = new AtomicLong();
  private volatile boolean synced;
  private Cancellable resync = () -> false;

  ControllerRunner(Controller controller, HostSetup setup, SharedInformer<? extends HasMetadata> primary,
      ControllerContext context, TaskExecutor executor, int workers, Duration resyncPeriod) {
    this.controller = requireNonNull(controller, "controller");
    this.setup = requireNonNull(setup, "setup");
    this.primary = requireNonNull(primary, "primary");
    this.context = requireNonNull(context, "context");
    this.executor = requireNonNull(executor, "executor");
    this.resyncPeriod = requireNonNull(resyncPeriod, "resyncPeriod");
    WakeOnReady wake = new WakeOnReady();
    this.queue = new DefaultWorkQueue<>(controller.name(),
        new DefaultControllerRateLimiter<>(context.clock()), executor, context.clock(), wake);
    this.pump = new WorkerPump<>(queue, executor, workers, this::process);
    wake.pump = pump;
  }

  String name() {
    return controller.name();
  }

  /** Connects the handlers, and opens the workers once every declared informer has synced. */
  synchronized void start() {
    setup.connectQueue(queue::add);
    connect(primary, object -> java.util.Set.of(ObjectKey.of(object)));
    for (HostSetup.Watched<?> watched : setup.watches()) {
      connectWatched(watched);
    }
    List<CompletableFuture<Void>> waits = new ArrayList<>();
    waits.add(syncedFuture(primary));
    setup.declaredInformers().forEach(informer -> waits.add(syncedFuture(informer)));
    CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).whenComplete((ok, failed) -> {
      if (failed != null) {
        LOG.debug("controller {}: informers stopped before syncing", name());
        return;
      }
      opened();
    });
  }

  private synchronized void opened() {
    if (queue.isShuttingDown()) {
      return;
    }
    synced = true;
    LOG.info("controller {} started: informers synced, {} keys queued", name(), queue.length());
    pump.open();
    if (!resyncPeriod.isZero()) {
      resync = executor.scheduleAtFixedRate(resyncPeriod, resyncPeriod, this::resyncAll);
    }
  }

  /** Stops handing out keys; a reconcile in progress completes. Idempotent. */
  synchronized void stop() {
    unregister.forEach(Runnable::run);
    unregister.clear();
    resync.cancel();
    pump.close();
    queue.shutDown();
  }

  /** True when nothing is ready or being reconciled (delayed keys do not count). */
  boolean idle() {
    return synced && queue.length() == 0 && queue.processingCount() == 0 && pump.busy() == 0;
  }

  boolean synced() {
    return synced;
  }

  long reconciles() {
    return reconciles.get();
  }

  /** Enqueues a key as an event would (for tests and hosts). */
  void enqueue(ObjectKey key) {
    queue.add(key);
  }

  private void resyncAll() {
    primary.lister().list("").forEach(object -> queue.add(ObjectKey.of(object)));
  }

  private <T extends HasMetadata> void connectWatched(HostSetup.Watched<T> watched) {
    connect(watched.informer(), watched.mapper());
  }

  @SuppressWarnings("unchecked")
  private <T extends HasMetadata> void connect(SharedInformer<T> informer, EventMapper<? super T> mapper) {
    ResourceEventHandler<T> handler = new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        enqueueAll(mapper, object);
      }

      @Override
      public void onUpdate(T oldObject, T newObject) {
        if (oldObject != newObject) {
          enqueueAll(mapper, oldObject);
        }
        enqueueAll(mapper, newObject);
      }

      @Override
      public void onDelete(T lastKnown, boolean finalStateUnknown) {
        enqueueAll(mapper, lastKnown);
      }
    };
    informer.addEventHandler(handler);
    unregister.add(() -> informer.removeEventHandler(handler));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private <T extends HasMetadata> void enqueueAll(EventMapper mapper, T object) {
    ((java.util.Set<ObjectKey>) mapper.map(object)).forEach(queue::add);
  }

  private CompletableFuture<Void> syncedFuture(SharedInformer<?> informer) {
    if (informer instanceof DefaultSharedInformer<?> known) {
      return known.synced();
    }
    // another informer implementation offers only hasSynced(): look every 50 ms on the executor
    CompletableFuture<Void> synced = new CompletableFuture<>();
    Cancellable check = executor.scheduleWithFixedDelay(Duration.ZERO, Duration.ofMillis(50), () -> {
      if (informer.hasSynced()) {
        synced.complete(null);
      }
    });
    synced.whenComplete((ok, failed) -> check.cancel());
    return synced;
  }

  private void process(ObjectKey key) {
    Result result;
    try {
      reconciles.incrementAndGet();
      result = controller.reconcile(key, context);
      if (result == null) {
        result = Result.error(new IllegalStateException(
            "controller " + name() + " returned null from reconcile; return Result.done()"));
      }
    } catch (ConflictException conflict) {
      LOG.debug("controller {}: conflict on {}, retrying: {}", name(), key, conflict.getMessage());
      result = Result.requeue();
    } catch (Exception | LinkageError | AssertionError e) {
      result = Result.error(e);
    }
    try {
      switch (result.action()) {
        case DONE -> queue.forget(key);
        case REQUEUE_AFTER -> {
          queue.forget(key);
          queue.addAfter(key, result.delay());
        }
        case REQUEUE_RATE_LIMITED -> {
          result.error().ifPresent(e -> LOG.warn("controller {}: reconcile of {} failed (retry {}): {}",
              name(), key, queue.numRequeues(key) + 1, e.toString(), LOG.isDebugEnabled() ? e : null));
          queue.addRateLimited(key);
        }
        default -> throw new IllegalStateException("unknown action " + result.action());
      }
    } finally {
      queue.done(key);
    }
  }

  /** Starts a worker whenever a key becomes ready. */
  private static final class WakeOnReady implements WorkQueueMetrics {
    volatile WorkerPump<ObjectKey> pump;

    @Override
    public void depth(int depth) {
      WorkerPump<ObjectKey> p = pump;
      if (depth > 0 && p != null) {
        p.wake();
      }
    }
  }
}
