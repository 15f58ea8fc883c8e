package io.capstan.runtime.client.informer;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.client.informer.Notification.Added;
import io.capstan.runtime.client.informer.Notification.Deleted;
import io.capstan.runtime.client.informer.Notification.Resync;
import io.capstan.runtime.client.informer.Notification.Synced;
import io.capstan.runtime.client.informer.Notification.Updated;
import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.client.ResourceEventHandler;
import io.capstan.spi.client.WatchEventType;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the reflector sees into cache changes and notifications: client-go's
 * {@code DeltaFIFO} plus {@code sharedIndexInformer.HandleDeltas} without the intermediate queue.
 * Each change updates the {@link IndexedCache} and enqueues its notification in one step under one
 * lock, and a handler joins under that same lock with a snapshot of the cache, so a handler sees
 * every object exactly once as added and then each later change, with no gap and no duplicate
 * (client-go gets the same from its {@code blockDeltas} lock).
 *
 * <p>Event semantics, as {@code HandleDeltas}/{@code processDeltas} and {@code DeltaFIFO.Replace}:
 *
 * <ul>
 *   <li>ADDED or MODIFIED: {@code onUpdate(cached, new)} if the key is cached, else {@code onAdd}.
 *   <li>DELETED: {@code onDelete(eventObject, false)}; ignored for keys not cached, as DeltaFIFO
 *       drops deletions of unknown objects.
 *   <li>A list: new keys {@code onAdd}; keys whose resourceVersion changed {@code onUpdate};
 *       unchanged keys nothing (client-go turns those into resync notifications that only resyncing
 *       listeners get); cached keys missing from the list {@code onDelete(cached, true)}, the
 *       {@code DeletedFinalStateUnknown} of client-go. The first list ends with {@link Synced}.
 * </ul>
 */
final class InformerStore<T extends HasMetadata> implements ReflectorSink<T> {

  private static final Logger LOG = LoggerFactory.getLogger(InformerStore.class);

  private final String kind;
  private final IndexedCache<T> cache;
  private final EventDispatcher<T> dispatcher;
  private final Object mutations = new Object();
  private boolean listed; // guarded by mutations
  private volatile String lastResourceVersion = "";

  InformerStore(String kind, IndexedCache<T> cache, EventDispatcher<T> dispatcher) {
    this.kind = requireNonNull(kind, "kind");
    this.cache = requireNonNull(cache, "cache");
    this.dispatcher = requireNonNull(dispatcher, "dispatcher");
  }

  @Override
  public void replace(List<T> items, String resourceVersion) {
    Map<ObjectKey, T> fresh = new LinkedHashMap<>();
    for (T item : items) {
      keyOf(item, "list").ifPresent(key -> fresh.put(key, item));
    }
    synchronized (mutations) {
      int added = 0;
      int updated = 0;
      int deleted = 0;
      for (Map.Entry<ObjectKey, T> entry : fresh.entrySet()) {
        Optional<T> cached = cache.get(entry.getKey());
        if (cached.isEmpty()) {
          cache.put(entry.getKey(), entry.getValue());
          dispatcher.enqueue(new Added<>(entry.getValue()));
          added++;
        } else if (!sameVersion(cached.get(), entry.getValue())) {
          cache.put(entry.getKey(), entry.getValue());
          dispatcher.enqueue(new Updated<>(cached.get(), entry.getValue()));
          updated++;
        }
        // unchanged: keep the cached instance, which spares re-indexing thousands of objects
      }
      for (ObjectKey key : cache.keys()) {
        if (!fresh.containsKey(key)) {
          cache.remove(key).ifPresent(gone -> dispatcher.enqueue(new Deleted<>(gone, true)));
          deleted++;
        }
      }
      lastResourceVersion = resourceVersion;
      if (!listed) {
        listed = true;
        dispatcher.enqueue(new Synced<>());
        LOG.debug("{} informer listed {} objects at resourceVersion {}", kind, added,
            resourceVersion);
      } else {
        LOG.info("{} informer relisted at resourceVersion {}: {} added, {} changed, {} gone",
            kind, resourceVersion, added, updated, deleted);
      }
    }
  }

  @Override
  public void apply(WatchEventType type, T object) {
    Optional<ObjectKey> maybeKey = keyOf(object, type.name());
    if (maybeKey.isEmpty()) {
      return;
    }
    ObjectKey key = maybeKey.get();
    synchronized (mutations) {
      switch (type) {
        case ADDED, MODIFIED -> {
          Optional<T> old = cache.put(key, object);
          dispatcher.enqueue(old.isPresent() ? new Updated<>(old.get(), object) : new Added<>(object));
        }
        case DELETED -> cache.remove(key).ifPresentOrElse(
            gone -> dispatcher.enqueue(new Deleted<>(object, false)),
            () -> LOG.debug("{} informer: DELETED for uncached {} ignored", kind, key));
        case BOOKMARK -> throw new IllegalArgumentException("bookmarks go to bookmark()");
        default -> throw new IllegalArgumentException("unknown watch event type " + type);
      }
      String version = versionOf(object);
      if (!version.isEmpty()) {
        lastResourceVersion = version;
      }
    }
  }

  @Override
  public void bookmark(String resourceVersion) {
    if (!resourceVersion.isEmpty()) {
      lastResourceVersion = resourceVersion;
    }
  }

  /** Registers a handler, which first gets {@code onAdd} for everything cached at this moment. */
  boolean addHandler(ResourceEventHandler<T> handler) {
    synchronized (mutations) {
      return dispatcher.register(handler, cache.snapshot());
    }
  }

  /** Queues {@code onUpdate(o, o)} for every cached object, once the first list is in. */
  void resync() {
    synchronized (mutations) {
      if (listed) {
        dispatcher.enqueue(new Resync<>(cache.snapshot()));
      }
    }
  }

  /** The resourceVersion of the last list, event or bookmark applied, or {@code ""}. */
  String lastResourceVersion() {
    return lastResourceVersion;
  }

  private Optional<ObjectKey> keyOf(T object, String source) {
    try {
      return Optional.of(ObjectKey.of(object));
    } catch (RuntimeException e) {
      LOG.warn("{} informer: ignoring an object without a usable name from {}: {}", kind, source,
          e.getMessage());
      return Optional.empty();
    }
  }

  private static boolean sameVersion(HasMetadata cached, HasMetadata fresh) {
    String version = versionOf(fresh);
    return !version.isEmpty() && Objects.equals(versionOf(cached), version);
  }

  static String versionOf(HasMetadata object) {
    String version = object.getMetadata() == null ? null : object.getMetadata().getResourceVersion();
    return version == null ? "" : version;
  }
}
