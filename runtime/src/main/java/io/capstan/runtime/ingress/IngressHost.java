package io.capstan.runtime.ingress;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.proxy.BoundedSyncRunner;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.client.SharedInformer;
import io.capstan.spi.client.ResourceEventHandler;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.ingress.IngressController;
import io.capstan.spi.ingress.IngressState;
import io.capstan.spi.plugin.Lifecycle;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingress component: watches Ingresses, IngressClasses, Services, Endpoints and Secrets (for
 * {@code spec.tls}; a Secret change re-syncs, so certificates are replaced live) through shared
 * informers, builds the selected controller's {@link IngressState} (only the Ingresses of its
 * class) and syncs it, debounced like the proxy host ({@code ingress.minSyncPeriod},
 * {@code ingress.syncPeriod}).
 */
public final class IngressHost implements Lifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(IngressHost.class);

  private final IngressController controller;
  private final TaskExecutor executor;
  private final SharedInformer<Ingress> ingresses;
  private final SharedInformer<IngressClass> classes;
  private final SharedInformer<Service> services;
  private final SharedInformer<Endpoints> endpoints;
  private final SharedInformer<Secret> secrets;
  private final BoundedSyncRunner runner;
  private final AtomicLong syncs = new AtomicLong();
  private volatile IngressState lastState = IngressState.empty();

  public IngressHost(InformerFactory informers, IngressController controller, Clock clock, TaskExecutor executor,
      Duration minSyncPeriod, Duration syncPeriod) {
    this.controller = requireNonNull(controller, "controller");
    this.executor = requireNonNull(executor, "executor");
    this.ingresses = requireNonNull(informers, "informers").sharedInformer(Ingress.class);
    this.classes = informers.sharedInformer(IngressClass.class);
    this.services = informers.sharedInformer(Service.class);
    this.endpoints = informers.sharedInformer(Endpoints.class);
    this.secrets = informers.sharedInformer(Secret.class);
    this.runner = new BoundedSyncRunner("ingress", clock, executor, minSyncPeriod, syncPeriod, this::syncNow);
  }

  @Override
  public void start() {
    List.of(ingresses, classes, services, endpoints).forEach(i -> addTrigger(i, o -> true));
    // only Secrets that can hold a certificate: service-account tokens and the like never re-sync
    addTrigger(secrets, IngressHost::mayHoldCertificate);
    runner.enable();
  }

  private <T extends HasMetadata> void addTrigger(SharedInformer<T> informer, java.util.function.Predicate<T> relevant) {
    informer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        if (relevant.test(object)) {
          runner.request();
        }
      }

      @Override
      public void onUpdate(T oldObject, T newObject) {
        if (relevant.test(oldObject) || relevant.test(newObject)) {
          runner.request();
        }
      }

      @Override
      public void onDelete(T lastKnown, boolean finalStateUnknown) {
        if (relevant.test(lastKnown)) {
          runner.request();
        }
      }
    });
  }

  /** A {@code kubernetes.io/tls} Secret, or an Opaque one with {@code tls.crt} (as ingress-nginx accepts). */
  static boolean mayHoldCertificate(Secret secret) {
    String type = secret.getType() == null ? "Opaque" : secret.getType();
    return IngressTlsSecrets.TLS_TYPE.equals(type) || ("Opaque".equals(type)
        && ((secret.getData() != null && secret.getData().containsKey("tls.crt"))
            || (secret.getStringData() != null && secret.getStringData().containsKey("tls.crt"))));
  }

  private void syncNow() throws Exception {
    if (!List.of(ingresses, classes, services, endpoints, secrets).stream().allMatch(SharedInformer::hasSynced)) {
      executor.schedule(Duration.ofMillis(100), runner::request); // wait for the initial lists
      return;
    }
    List<Ingress> served = IngressStateBuilder.served(controller.controllerValue(), ingresses.lister().list(""),
        classes.lister().list(""));
    IngressState state = IngressStateBuilder.build(served, services.lister()::get, endpoints.lister()::get,
        secrets.lister()::get);
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
  }
}
