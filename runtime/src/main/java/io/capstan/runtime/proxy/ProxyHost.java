package io.capstan.runtime.proxy;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.client.informer.DefaultInformerFactory;
import io.capstan.runtime.client.informer.DefaultSharedInformer;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ResourceEventHandler;
import io.capstan.spi.clock.Cancellable;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.plugin.Lifecycle;
import io.capstan.spi.proxy.ProxyState;
import io.capstan.spi.proxy.ServiceProxy;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy component: watches Services and Endpoints through shared informers, builds the
 * complete {@link ProxyState} and hands it to the selected {@link ServiceProxy} — kube-proxy's
 * {@code BoundedFrequencyRunner}: a change syncs at once unless the last sync was less than
 * {@code minSyncPeriod} ago (then when it has passed), and a full sync runs every
 * {@code syncPeriod} regardless. A failed sync is retried after {@code minSyncPeriod} with the
 * latest state. Syncs never overlap. All timers run on the injected clock and executor.
 */
public final class ProxyHost implements Lifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(ProxyHost.class);

  private final ServiceProxy proxy;
  private final TaskExecutor executor;
  private final Clock clock;
  private final ProxySettings settings;
  private final DefaultInformerFactory informers;
  private final DefaultSharedInformer<Service> services;
  private final DefaultSharedInformer<Endpoints> endpoints;
  private final Object syncLock = new Object();
  private final AtomicLong syncs = new AtomicLong();
  private volatile ProxyState lastState;
  private boolean synced; // guarded by this
  private boolean closed; // guarded by this
  private Cancellable pending; // guarded by this
  private Cancellable periodic; // guarded by this
  private long lastSyncNanos; // guarded by this
  private boolean everSynced; // guarded by this

  public ProxyHost(ApiClient client, ServiceProxy proxy, Clock clock, TaskExecutor executor, ProxySettings settings) {
    this.proxy = requireNonNull(proxy, "proxy");
    this.executor = requireNonNull(executor, "executor");
    this.clock = requireNonNull(clock, "clock");
    this.settings = requireNonNull(settings, "settings");
    this.informers = new DefaultInformerFactory(requireNonNull(client, "client"), executor, clock);
    this.services = informers.informer(Service.class);
    this.endpoints = informers.informer(Endpoints.class);
    this.lastState = ProxyState.empty(settings.nodeName());
  }

  @Override
  public void start() {
    services.addEventHandler(new Trigger<>());
    endpoints.addEventHandler(new Trigger<>());
    informers.start();
    informers.synced().thenRun(() -> {
      synchronized (this) {
        synced = true;
      }
      LOG.info("proxy: informers synced, first sync of the service proxy");
      requestSync();
    });
    synchronized (this) {
      periodic = executor.scheduleAtFixedRate(settings.syncPeriod(), settings.syncPeriod(), this::requestSync);
    }
  }

  /** Asks for a sync: now, or when {@code minSyncPeriod} has passed since the last one. */
  public synchronized void requestSync() {
    if (closed || !synced || pending != null) {
      return;
    }
    Duration wait = Duration.ZERO;
    if (everSynced) {
      long since = clock.nanoTime() - lastSyncNanos;
      wait = settings.minSyncPeriod().minusNanos(since);
    }
    pending = executor.schedule(wait.isNegative() ? Duration.ZERO : wait, this::runSync);
  }

  private void runSync() {
    synchronized (this) {
      pending = null;
      if (closed) {
        return;
      }
      lastSyncNanos = clock.nanoTime();
      everSynced = true;
    }
    synchronized (syncLock) {
      ProxyState state = ProxyStateBuilder.build(services.lister().list(""),
          (ns, name) -> endpoints.lister().get(ns, name), settings.nodeName());
      try {
        proxy.sync(state);
        lastState = state;
        syncs.incrementAndGet();
        LOG.debug("proxy: synced {} service ports", state.services().size());
      } catch (Exception e) {
        LOG.warn("proxy: sync of {} service ports failed, retrying in {}: {}", state.services().size(),
            settings.minSyncPeriod(), e.toString());
        requestSync();
      }
    }
  }

  /** The state of the last successful sync (empty before the first). */
  public ProxyState lastState() {
    return lastState;
  }

  /** How many syncs have succeeded. */
  public long syncCount() {
    return syncs.get();
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (pending != null) {
        pending.cancel();
      }
      if (periodic != null) {
        periodic.cancel();
      }
    }
    informers.stop();
  }

  /** Every change of a Service or an Endpoints object asks for a (debounced) sync. */
  private final class Trigger<T extends HasMetadata> implements ResourceEventHandler<T> {
    @Override
    public void onAdd(T object) {
      requestSync();
    }

    @Override
    public void onUpdate(T oldObject, T newObject) {
      requestSync();
    }

    @Override
    public void onDelete(T lastKnown, boolean finalStateUnknown) {
      requestSync();
    }
  }
}
