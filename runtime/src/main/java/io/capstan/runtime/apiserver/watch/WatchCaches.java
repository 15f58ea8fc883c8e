package io.capstan.runtime.apiserver.watch;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.apiserver.storage.ObjectCodec;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.clock.Cancellable;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.store.Store;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link WatchCache} per kind, started on first use, and the timer that sends bookmarks to
 * watchers that asked for them.
 */
public final class WatchCaches implements AutoCloseable {

  private final Store store;
  private final ObjectCodec codec;
  private final int capacity;
  private final Map<String, WatchCache> caches = new ConcurrentHashMap<>();
  private final Cancellable bookmarks;

  public WatchCaches(Store store, ObjectCodec codec, int capacity, TaskExecutor executor, Duration bookmarkInterval) {
    this.store = requireNonNull(store, "store");
    this.codec = requireNonNull(codec, "codec");
    this.capacity = capacity;
    this.bookmarks = executor.scheduleAtFixedRate(bookmarkInterval, bookmarkInterval, this::bookmarkAll);
  }

  /** The cache of a kind, listing and watching the store the first time it is asked for. */
  public WatchCache of(ResourceKind kind) {
    return caches.computeIfAbsent(kind.group() + "/" + kind.plural(), k -> {
      WatchCache cache = new WatchCache(kind, store, codec, capacity);
      cache.start();
      return cache;
    });
  }

  /**
   * Stops and forgets the caches of kinds no longer served (a deleted CRD's): their watchers end,
   * and a kind served again later starts from the store afresh.
   */
  public void retainOnly(KindRegistry served) {
    caches.entrySet().removeIf(entry -> {
      String[] groupAndPlural = entry.getKey().split("/", 2);
      if (served.byResource(groupAndPlural[0], groupAndPlural[1]).isPresent()) {
        return false;
      }
      entry.getValue().close();
      return true;
    });
  }

  private void bookmarkAll() {
    caches.values().forEach(WatchCache::bookmark);
  }

  /** How many watchers are open across every kind. */
  public int watcherCount() {
    return caches.values().stream().mapToInt(WatchCache::watcherCount).sum();
  }

  @Override
  public void close() {
    bookmarks.cancel();
    caches.values().forEach(WatchCache::close);
    caches.clear();
  }
}
