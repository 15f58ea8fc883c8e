package io.capstan.plugins.controllers.testing;

import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ConflictException;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.client.ResourceEventHandler;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.ControllerSetup;
import io.capstan.spi.controller.EventMapper;
import io.capstan.spi.controller.EventMappers;
import io.capstan.spi.controller.EventRecorder;
import io.capstan.spi.controller.Result;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minimal controller host on the deterministic executor: handlers map events to keys, each key
 * waits at most once, a reconcile runs as an executor task, and its {@link Result} decides the
 * next run (rate-limited: 5 ms doubling to 10 s; requeueAfter: on the virtual clock).
 */
final class DirectHost {

  private static final Logger log = LoggerFactory.getLogger(DirectHost.class);

  private final Controller controller;
  private final SimCluster cluster;
  private final ControllerContext context;
  private final Set<ObjectKey> waiting = new HashSet<>();
  private final Map<ObjectKey, Integer> failures = new HashMap<>();
  private int errors;
  private int unsyncedSpins;
  private int reconciles;

  DirectHost(Controller controller, SimCluster cluster) {
    this.controller = controller;
    this.cluster = cluster;
    EventRecorder recorder = (regarding, type, reason, message) -> cluster.record(new SimCluster.RecordedEvent(
        regarding.getKind(), regarding.getMetadata().getNamespace(), regarding.getMetadata().getName(), type, reason, message));
    this.context = new ControllerContext() {
      @Override
      public ApiClient client() {
        return cluster.client();
      }

      @Override
      public InformerFactory informers() {
        return cluster.informers();
      }

      @Override
      public Clock clock() {
        return cluster.clock();
      }

      @Override
      public EventRecorder events() {
        return recorder;
      }
    };
    watch(controller.primaryType(), EventMappers.self());
    controller.setup(new ControllerSetup() {
      @Override
      public <T extends HasMetadata> void watch(Class<T> type, EventMapper<T> mapper) {
        DirectHost.this.watch(type, mapper);
      }

      @Override
      public <T extends HasMetadata> void read(Class<T> type) {
        cluster.informers().sharedInformer(type);
      }

      @Override
      public <T extends HasMetadata> void index(Class<T> type, String indexName, Function<T, List<String>> indexFunction) {
        var informer = cluster.informers().sharedInformer(type);
        try {
          informer.lister().byIndex(indexName, "");
          return; // a restarted controller finds its index in the shared informer already
        } catch (IllegalArgumentException absent) {
          informer.addIndexer(indexName, indexFunction);
        }
      }
    });
  }

  @SuppressWarnings("unchecked")
  private <T extends HasMetadata> void watch(Class<T> type, EventMapper<? super T> mapper) {
    EventMapper<T> typed = (EventMapper<T>) mapper;
    cluster.informers().sharedInformer(type).addEventHandler(new ResourceEventHandler<T>() {
      @Override
      public void onAdd(T object) {
        typed.map(object).forEach(DirectHost.this::add);
      }

      @Override
      public void onUpdate(T oldObject, T newObject) {
        typed.map(oldObject).forEach(DirectHost.this::add);
        typed.map(newObject).forEach(DirectHost.this::add);
      }

      @Override
      public void onDelete(T lastKnown, boolean finalStateUnknown) {
        typed.map(lastKnown).forEach(DirectHost.this::add);
      }
    });
  }

  private volatile boolean stopped;

  /** Stops handing keys to the controller, as when its process ends. */
  void stop() {
    stopped = true;
  }

  private synchronized void add(ObjectKey key) {
    if (stopped) {
      return;
    }
    if (waiting.add(key)) {
      cluster.executor().execute(() -> process(key));
    }
  }

  private void process(ObjectKey key) {
    synchronized (this) {
      waiting.remove(key);
    }
    if (stopped) {
      return;
    }
    if (!cluster.informers().hasSynced()) {
      if (++unsyncedSpins < 10_000) {
        cluster.executor().execute(() -> add(key));
      } else {
        cluster.executor().schedule(Duration.ofMillis(1), () -> add(key));
      }
      return;
    }
    Result result;
    reconciles++;
    try {
      result = controller.reconcile(key, context);
    } catch (ConflictException conflict) {
      result = Result.requeue();
    } catch (Exception e) {
      log.warn("{} {}: reconcile failed", controller.name(), key, e);
      errors++;
      result = Result.error(e);
    }
    switch (result.action()) {
      case DONE -> failures.remove(key);
      case REQUEUE_AFTER -> {
        failures.remove(key);
        cluster.executor().schedule(result.delay(), () -> add(key));
      }
      case REQUEUE_RATE_LIMITED -> {
        int n = failures.merge(key, 1, Integer::sum);
        long millis = Math.min(10_000, 5L << Math.min(n, 20));
        cluster.executor().schedule(Duration.ofMillis(millis), () -> add(key));
      }
      default -> throw new IllegalStateException("unknown action " + result.action());
    }
  }

  int reconciles() {
    return reconciles;
  }

  int errors() {
    return errors;
  }
}
