package io.capstan.runtime.ingress;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.client.informer.DefaultInformerFactory;
import io.capstan.runtime.client.informer.DefaultSharedInformer;
import io.capstan.runtime.proxy.BoundedSyncRunner;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ResourceEventHandler;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.ingress.IngressController;
import io.capstan.spi.ingress.IngressState;
import io.capstan.spi.plugin.Lifecycle;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingress component: watches Ingresses, IngressClasses, Services and Endpoints through shared
 * informers, builds the selected controller's {@link IngressState} (only the Ingresses of its
 * class) and syncs it, debounced like the proxy host ({@code ingress.minSyncPeriod},
 * {@code ingress.syncPeriod}).
 */
public final class IngressHost implements Lifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(IngressHost.class);

  private final IngressController controller;
  private final DefaultInformerFactory informers;
  private final DefaultSharedInformer<Ingress> ingresses;
  private final DefaultSharedInformer<IngressClass> classes;
  private final DefaultSharedInformer<Service> services;
  private final DefaultSharedInformer<Endpoints> endpoints;
  private final BoundedSyncRunner runner;
  private final AtomicLong syncs = new AtomicLong();
  private volatile IngressState lastState = IngressState.empty();

  public IngressHost(ApiClient client, IngressController controller, Clock clock, TaskExecutor executor,
      Duration minSyncPeriod, Duration syncPeriod) {
    this.controller = requireNonNull(controller, "controller");
    this.informers = new DefaultInformerFactory(requireNonNull(client, "client"), executor, clock);
    this.ingresses = informers.informer(Ingress.class);
    this.classes = informers.informer(IngressClass.class);
    this.services = informers.informer(Service.class);
    this.endpoints = informers.informer(Endpoints.class);
    this.runner = new BoundedSyncRunner("ingress", clock, executor, minSyncPeriod, syncPeriod, this::syncNow);
  }

  @Override
  public void start() {
    List.of(ingresses, classes, services, endpoints).forEach(i -> addTrigger(i));
    informers.start();
    informers.synced().thenRun(() -> {
      LOG.info("ingress: informers synced, first sync of the {} controller", controller.controllerValue());
      runner.enable();
    });
  }

  private <T extends HasMetadata> void addTrigger(DefaultSharedInformer<T> informer) {
    informer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        runner.request();
      }

      @Override
      public void onUpdate(T oldObject, T newObject) {
        runner.request();
      }

      @Override
      public void onDelete(T lastKnown, boolean finalStateUnknown) {
        runner.request();
      }
    });
  }

  private void syncNow() throws Exception {
    List<Ingress> served = IngressStateBuilder.served(controller.controllerValue(), ingresses.lister().list(""),
        classes.lister().list(""));
    IngressState state = IngressStateBuilder.build(served, services.lister()::get, endpoints.lister()::get);
    controller.sync(state);
    lastState = state;
    syncs.incrementAndGet();
    LOG.debug("ingress: synced {} rules of {} ingresses", state.rules().size(), served.size());
  }

  /** The state of the last successful sync. */
  public IngressState lastState() {
    return lastState;
  }

  public long syncCount() {
    return syncs.get();
  }

  @Override
  public void close() {
    runner.close();
    informers.stop();
  }
}
