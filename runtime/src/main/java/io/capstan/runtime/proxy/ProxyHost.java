package io.capstan.runtime.proxy;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.client.SharedInformer;
import io.capstan.spi.client.ResourceEventHandler;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.plugin.Lifecycle;
import io.capstan.spi.proxy.ProxyState;
import io.capstan.spi.proxy.ServiceProxy;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy component: watches Services and Endpoints through the process's shared informers
 * (their factory is started and stopped by its owner), builds the
 * complete {@link ProxyState} and hands it to the selected {@link ServiceProxy} — kube-proxy's
 * {@code BoundedFrequencyRunner}: a change syncs at once unless the last sync was less than
 * {@code minSyncPeriod} ago (then when it has passed), and a full sync runs every
 * {@code syncPeriod} regardless. A failed sync is retried after {@code minSyncPeriod} with the
 * latest state. Syncs never overlap. All timers run on the injected clock and executor.
 */
public final class ProxyHost implements Lifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(ProxyHost.class);
  private static final java.time.Duration SYNC_WAIT = java.time.Duration.ofMillis(100);

  private final ServiceProxy proxy;
  private final ProxySettings settings;
  private final TaskExecutor executor;
  private final SharedInformer<Service> services;
  private final SharedInformer<Endpoints> endpoints;
  private final AtomicLong syncs = new AtomicLong();
  private final BoundedSyncRunner runner;
  private volatile ProxyState lastState;

  public ProxyHost(InformerFactory informers, ServiceProxy proxy, Clock clock, TaskExecutor executor, ProxySettings settings) {
    this.proxy = requireNonNull(proxy, "proxy");
    this.settings = requireNonNull(settings, "settings");
    this.executor = requireNonNull(executor, "executor");
    this.services = requireNonNull(informers, "informers").sharedInformer(Service.class);
    this.endpoints = informers.sharedInformer(Endpoints.class);
    this.lastState = ProxyState.empty(settings.nodeName());
    this.runner = new BoundedSyncRunner("proxy", clock, executor, settings.minSyncPeriod(), settings.syncPeriod(),
        this::syncNow);
  }

  @Override
  public void start() {
    services.addEventHandler(new Trigger<>());
    endpoints.addEventHandler(new Trigger<>());
    runner.enable();
  }

  /** Asks for a (debounced) sync. */
  public void requestSync() {
    runner.request();
  }

  private void syncNow() throws Exception {
    if (!services.hasSynced() || !endpoints.hasSynced()) {
      // a partial cache looks like deleted services: wait for the initial lists
      executor.schedule(SYNC_WAIT, this::requestSync);
      return;
    }
    ProxyState state = ProxyStateBuilder.build(services.lister().list(""),
        (ns, name) -> endpoints.lister().get(ns, name), settings.nodeName());
    proxy.sync(state);
    lastState = state;
    syncs.incrementAndGet();
    LOG.debug("proxy: synced {} service ports", state.services().size());
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
    runner.close();
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
