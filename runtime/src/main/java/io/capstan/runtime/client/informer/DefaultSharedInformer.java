package io.capstan.runtime.client.informer;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.client.ListOptions;
import io.capstan.spi.client.Lister;
import io.capstan.spi.client.ResourceClient;
import io.capstan.spi.client.ResourceEventHandler;
import io.capstan.spi.client.SharedInformer;
import io.capstan.spi.clock.Cancellable;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The runtime's {@link SharedInformer}: client-go's {@code sharedIndexInformer} on Capstan's task
 * executor. A {@link Reflector} lists and watches through the {@link ResourceClient} (in-process or
 * HTTP, it cannot tell), an {@link InformerStore} turns that into cache changes and
 * notifications, an {@link IndexedCache} serves the {@link Lister}, and an {@link EventDispatcher}
 * calls the handlers one at a time, in order. No thread belongs to an informer: all of its work is
 * short tasks on the shared executor, so thousands of informers (one per simulated node agent, say)
 * cost memory, not threads, and the deterministic executor replays them exactly.
 *
 * <p><b>Objects</b> in the cache and in events are the ones the client returned, shared by every
 * handler and lister: read-only. Copy ({@code DeepCopy.of(pod)}, {@code new PodBuilder(pod)}) before
 * changing anything.
 *
 * <p><b>Lifecycle.</b> Normally the {@link DefaultInformerFactory} starts and stops informers; a
 * host that needs a filtered informer (a node agent watching only its own pods) can build and start
 * one itself with a {@code scope}. {@link #start()} and {@link #stop()} are idempotent and never
 * block; a stopped informer stays stopped. Its cache stays readable after stop, frozen.
 *
 * <p>Thread-safe.
 *
 * @param <T> the fabric8 model class of the kind
 */
public final class DefaultSharedInformer<T extends HasMetadata> implements SharedInformer<T> {

  private final Class<T> type;
  private final TaskExecutor executor;
  private final InformerOptions options;
  private final IndexedCache<T> cache;
  private final EventDispatcher<T> dispatcher;
  private final InformerStore<T> store;
  private final Reflector<T> reflector;
  private final Object lifecycle = new Object();
  private boolean started; // guarded by lifecycle
  private boolean stopped; // guarded by lifecycle
  private Cancellable resync; // guarded by lifecycle

  /** An informer of every object of the kind, in every namespace. */
  public DefaultSharedInformer(Class<T> type, ResourceClient<T> client, TaskExecutor executor,
      Clock clock, InformerOptions options) {
    this(type, client, executor, clock, options, ListOptions.all());
  }

  /**
   * An informer of the objects {@code scope} selects.
   *
   * @param scope namespace, label selector and field selector of every list and watch; its
   *     resourceVersion, limit and continue token must be unset (the informer manages them)
   * @param executor runs every list, watch, retry, resync and handler call; must measure delays on
   *     {@code clock}
   */
  public DefaultSharedInformer(Class<T> type, ResourceClient<T> client, TaskExecutor executor,
      Clock clock, InformerOptions options, ListOptions scope) {
    this.type = requireNonNull(type, "type");
    this.executor = requireNonNull(executor, "executor");
    this.options = requireNonNull(options, "options");
    requireNonNull(scope, "scope");
    if (!scope.resourceVersion().isEmpty() || scope.limit() != 0
        || !scope.continueToken().isEmpty()) {
      throw new IllegalArgumentException("an informer's scope selects objects only; leave "
          + "resourceVersion, limit and continue unset (got " + scope + ")");
    }
    String kind = type.getSimpleName();
    this.cache = new IndexedCache<>(kind);
    this.dispatcher = new EventDispatcher<>(kind, executor);
    this.store = new InformerStore<>(kind, cache, dispatcher);
    this.reflector = new Reflector<>(kind, requireNonNull(client, "client"), executor,
        requireNonNull(clock, "clock"), scope, options, store);
  }

  @Override
  public Class<T> type() {
    return type;
  }

  /**
   * Starts listing and watching, and the periodic resync if configured. Idempotent; returns at
   * once, the work happens on the executor.
   *
   * @throws IllegalStateException after {@link #stop()}: informers cannot be restarted
   */
  public void start() {
    synchronized (lifecycle) {
      if (stopped) {
        throw new IllegalStateException("the " + type.getSimpleName()
            + " informer was stopped and cannot start again; create a new one");
      }
      if (started) {
        return;
      }
      started = true;
      if (!options.resyncPeriod().isZero()) {
        resync = executor.scheduleAtFixedRate(options.resyncPeriod(), options.resyncPeriod(),
            store::resync);
      }
    }
    reflector.start();
  }

  /** Ends the watch, the resync and event delivery; handlers get nothing after the event in progress. */
  public void stop() {
    synchronized (lifecycle) {
      if (stopped) {
        return;
      }
      stopped = true;
      if (resync != null) {
        resync.cancel();
      }
    }
    reflector.stop();
    dispatcher.stop();
  }

  public boolean isStarted() {
    synchronized (lifecycle) {
      return started && !stopped;
    }
  }

  /**
   * Completes once the initial list has been delivered to the handlers registered by then, i.e.
   * when {@link #hasSynced()} turns true; fails with {@link IllegalStateException} if the informer
   * is stopped first. Lets worker-thread hosts wait with a timeout and virtual-time hosts chain
   * work, without polling.
   */
  public CompletableFuture<Void> synced() {
    return dispatcher.synced();
  }

  @Override
  public void addEventHandler(ResourceEventHandler<T> handler) {
    store.addHandler(requireNonNull(handler, "handler"));
  }

  @Override
  public void removeEventHandler(ResourceEventHandler<T> handler) {
    dispatcher.unregister(requireNonNull(handler, "handler"));
  }

  @Override
  public void addIndexer(String indexName, Function<T, List<String>> indexFunction) {
    synchronized (lifecycle) {
      if (started || stopped) {
        throw new IllegalStateException("index '" + indexName + "' added to the "
            + type.getSimpleName() + " informer after it started; add indexes in "
            + "Controller.setup (ControllerSetup.index), before the informers start");
      }
      cache.addIndexer(indexName, indexFunction);
    }
  }

  @Override
  public boolean hasSynced() {
    return dispatcher.hasSynced();
  }

  @Override
  public String lastSyncResourceVersion() {
    return store.lastResourceVersion();
  }

  @Override
  public Lister<T> lister() {
    return cache;
  }

  @Override
  public String toString() {
    return "DefaultSharedInformer[" + type.getSimpleName() + "]";
  }
}
