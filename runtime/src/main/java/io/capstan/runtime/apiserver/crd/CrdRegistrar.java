package io.capstan.runtime.apiserver.crd;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.apiserver.resource.ApiRequest;
import io.capstan.runtime.apiserver.resource.ResourceApi;
import io.capstan.runtime.apiserver.resource.ServedKinds;
import io.capstan.runtime.apiserver.watch.WatchCache;
import io.capstan.runtime.apiserver.watch.WatchEventOut;
import io.capstan.runtime.apiserver.watch.WatchFilter;
import io.capstan.runtime.apiserver.watch.WatchSink;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.ApiException;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.clock.TaskExecutor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the served kinds in step with the stored CustomResourceDefinitions, as Kubernetes'
 * apiextensions controllers do: a new or changed CRD is served (and its status says
 * {@code NamesAccepted} and {@code Established}) as soon as its watch event arrives; a CRD being
 * deleted has every one of its objects deleted, then stops being served and loses its cleanup
 * finalizer so it goes away. Events are handled one CRD at a time on the injected executor.
 */
public final class CrdRegistrar implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CrdRegistrar.class);
  private static final UserInfo SYSTEM = UserInfo.of("system:apiextensions", UserInfo.GROUP_MASTERS);
  private static final Duration CLEANUP_RETRY = Duration.ofMillis(500);

  private final ResourceApi api;
  private final ServedKinds served;
  private final TaskExecutor executor;
  private final ResourceKind crdKind;
  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean draining = new AtomicBoolean();
  private volatile boolean closed;
  private AutoCloseable subscription = () -> { };

  public CrdRegistrar(ResourceApi api, ServedKinds served, TaskExecutor executor) {
    this.api = requireNonNull(api, "api");
    this.served = requireNonNull(served, "served");
    this.executor = requireNonNull(executor, "executor");
    this.crdKind = api.kinds().byResource("apiextensions.k8s.io", "customresourcedefinitions")
        .orElseThrow(() -> new IllegalStateException("the CustomResourceDefinition kind is not served"));
  }

  /** Serves every stored CRD before returning, then follows changes. */
  public void start() {
    WatchCache cache = api.caches().of(crdKind);
    WatchCache.Snapshot snapshot = cache.snapshot(WatchFilter.EVERYTHING);
    snapshot.items().forEach(crd -> reconcile(crd.getMetadata().getName()));
    subscription = cache.watch(WatchFilter.EVERYTHING, snapshot.revision(), false, new WatchSink() {
      @Override
      public boolean offer(WatchEventOut event) {
        if (event.object() instanceof HasMetadata object) {
          enqueue(object.getMetadata().getName());
        }
        return true;
      }

      @Override
      public void end() {
        if (!closed) {
          log.warn("the CustomResourceDefinition watch ended; CRD changes are no longer followed");
        }
      }
    });
  }

  private void enqueue(String name) {
    pending.add(name);
    if (draining.compareAndSet(false, true)) {
      executor.execute(this::drain);
    }
  }

  private void drain() {
    try {
      while (!closed && !pending.isEmpty()) {
        for (String name : Set.copyOf(pending)) {
          pending.remove(name);
          reconcile(name);
        }
      }
    } finally {
      draining.set(false);
      if (!pending.isEmpty() && !closed) {
        enqueue(pending.iterator().next());
      }
    }
  }

  private void reconcile(String name) {
    try {
      Optional<CustomResourceDefinition> crd = read(name);
      if (crd.isEmpty()) {
        served.remove(name);
      } else if (crd.get().getMetadata().getDeletionTimestamp() != null) {
        if (new CrdCleanup(api, served, SYSTEM).deleteObjectsAndFinalize(crd.get())) {
          log.info("CustomResourceDefinition {}: objects deleted, no longer served", name);
        } else if (!closed) {
          executor.schedule(CLEANUP_RETRY, () -> enqueue(name));
        }
      } else {
        new CrdEstablishment(api, served, SYSTEM).establish(crd.get());
      }
    } catch (ApiException | IllegalStateException e) {
      log.warn("CustomResourceDefinition {}: {}; retrying", name, e.getMessage());
      if (!closed) {
        executor.schedule(CLEANUP_RETRY, () -> enqueue(name));
      }
    }
  }

  private Optional<CustomResourceDefinition> read(String name) {
    try {
      return Optional.of((CustomResourceDefinition) api.reads().get(ApiRequest.of(crdKind, "", name, SYSTEM), ""));
    } catch (NotFoundException gone) {
      return Optional.empty();
    }
  }

  @Override
  public void close() throws Exception {
    closed = true;
    subscription.close();
  }
}
