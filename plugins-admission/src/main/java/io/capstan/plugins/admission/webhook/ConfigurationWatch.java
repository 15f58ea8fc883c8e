package io.capstan.plugins.admission.webhook;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ApiException;
import io.capstan.spi.client.ListOptions;
import io.capstan.spi.client.ObjectList;
import io.capstan.spi.client.Watch;
import io.capstan.spi.client.WatchEventType;
import io.capstan.spi.client.WatchHandler;
import io.fabric8.kubernetes.api.model.HasMetadata;
import jakarta.inject.Provider;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook configurations of one kind, kept by one list and one watch, as an informer would
 * keep them: started on the first admission request (the in-process client is the API server
 * itself, which is not serving while admission plugins are built), listed again after the watch
 * ends for any reason. Reads never call the server once synced.
 */
final class ConfigurationWatch<T extends HasMetadata> implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ConfigurationWatch.class);

  private final Provider<ApiClient> client;
  private final Class<T> type;
  /** The synced configurations and their name order, replaced on every change (changes are rare, reads are per request). */
  private final AtomicReference<Snapshot<T>> items = new AtomicReference<>();
  private Watch watch;
  private boolean closed;

  ConfigurationWatch(Provider<ApiClient> client, Class<T> type) {
    this.client = requireNonNull(client, "client");
    this.type = requireNonNull(type, "type");
  }

  /** The current configurations in name order (Kubernetes calls webhooks in that order). */
  List<T> current() {
    Snapshot<T> snapshot = items.get();
    if (snapshot == null) {
      snapshot = sync();
    }
    return snapshot.ordered();
  }

  /** One synced map of configurations by name, with its values in name order. */
  private record Snapshot<T extends HasMetadata>(Map<String, T> byName, List<T> ordered) {
    static <T extends HasMetadata> Snapshot<T> of(Map<String, T> byName) {
      return new Snapshot<>(byName,
          byName.values().stream().sorted(Comparator.comparing(o -> o.getMetadata().getName())).toList());
    }
  }

  private synchronized Snapshot<T> sync() {
    Snapshot<T> known = items.get();
    if (known != null) {
      return known;
    }
    ObjectList<T> list = client.get().resources(type).list(ListOptions.all());
    Map<String, T> fresh = new ConcurrentHashMap<>();
    list.items().forEach(o -> fresh.put(o.getMetadata().getName(), o));
    if (closed) {
      return Snapshot.of(fresh);
    }
    if (watch != null) {
      watch.close();
    }
    watch = client.get().resources(type).watch(ListOptions.all().withResourceVersion(list.resourceVersion()), new WatchHandler<T>() {
      @Override
      public void onEvent(WatchEventType event, T object) {
        switch (event) {
          case ADDED, MODIFIED -> fresh.put(object.getMetadata().getName(), object);
          case DELETED -> fresh.remove(object.getMetadata().getName());
          default -> { }
        }
        items.updateAndGet(now -> now != null && now.byName() == fresh ? Snapshot.of(fresh) : now);
      }

      @Override
      public void onClose(Optional<ApiException> cause) {
        cause.ifPresent(e -> log.info("watch of {} ended ({}); listing again on the next request", type.getSimpleName(), e.getMessage()));
        invalidate(fresh);
      }
    });
    items.set(Snapshot.of(fresh));
    // once more: an event that arrived while the first snapshot was taken saw no snapshot of this map to refresh
    return items.updateAndGet(now -> now != null && now.byName() == fresh ? Snapshot.of(fresh) : now);
  }

  /** Not synchronized: called on the watch's dispatch thread, possibly while {@link #sync} closes it. */
  private void invalidate(Map<String, T> ended) {
    items.updateAndGet(now -> now != null && now.byName() == ended ? null : now);
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (watch != null) {
      watch.close();
      watch = null;
    }
    items.set(null);
  }
}
