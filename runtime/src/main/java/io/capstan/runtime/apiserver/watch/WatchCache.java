package io.capstan.runtime.apiserver.watch;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.apiserver.errors.ApiErrors;
import io.capstan.runtime.apiserver.storage.ObjectCodec;
import io.capstan.runtime.apiserver.storage.StorageKeys;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.store.KeyRange;
import io.capstan.spi.store.KeyValue;
import io.capstan.spi.store.RangeRequest;
import io.capstan.spi.store.RangeResult;
import io.capstan.spi.store.Store;
import io.capstan.spi.store.Watch;
import io.capstan.spi.store.WatchEvent;
import io.capstan.spi.store.WatchRequest;
import io.capstan.spi.store.WatchResponse;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API server's cache of one kind, as Kubernetes' watch cache: one store watch per kind, the
 * current objects, and a window of recent changes. Thousands of watchers share it instead of each
 * watching the store; a watcher resuming from a version inside the window replays from memory, one
 * older than the window gets 410 Expired, one without a version gets the current objects as ADDED
 * events first.
 *
 * <p>Changes arrive on the store's delivery thread; all state changes and the fan-out happen under
 * one lock, so a watcher is registered atomically between two revisions (no gap, no duplicate).
 * Sinks never block, so the lock is held only for the fan-out itself.
 */
public final class WatchCache implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WatchCache.class);

  private final ResourceKind kind;
  private final Store store;
  private final ObjectCodec codec;
  private final int capacity;
  private final Object lock = new Object();
  private final Map<String, HasMetadata> objects = new HashMap<>();
  private final ArrayDeque<CacheEvent> window = new ArrayDeque<>();
  private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
  private long revision;
  private long oldestResumable;
  private Watch storeWatch;
  private boolean closed;

  public WatchCache(ResourceKind kind, Store store, ObjectCodec codec, int capacity) {
    this.kind = requireNonNull(kind, "kind");
    this.store = requireNonNull(store, "store");
    this.codec = requireNonNull(codec, "codec");
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
  }

  /** Lists the kind and starts watching the store right after the list's revision. */
  public void start() {
    synchronized (lock) {
      KeyRange range = KeyRange.prefix(StorageKeys.bytes(StorageKeys.kindPrefix(kind)));
      RangeResult all = store.range(RangeRequest.of(range));
      objects.clear();
      window.clear();
      for (KeyValue kv : all.kvs()) {
        HasMetadata object = codec.decode(kind, kv);
        objects.put(keyOf(object), object);
      }
      revision = all.revision();
      oldestResumable = all.revision();
      storeWatch = store.watch(WatchRequest.of(range).fromRevision(revision + 1).withPrevKv().withProgressNotify(),
          this::onResponse);
    }
  }

  private void onResponse(WatchResponse response) {
    if (response instanceof WatchResponse.Events events) {
      apply(events);
    } else if (response instanceof WatchResponse.Progress progress) {
      synchronized (lock) {
        revision = Math.max(revision, progress.revision());
      }
    } else if (response instanceof WatchResponse.Compacted compacted) {
      restart("store history compacted at " + compacted.compactRevision());
    } else if (response instanceof WatchResponse.Failed failed && !closed) {
      restart("store watch failed: " + failed.cause());
    }
  }

  private void apply(WatchResponse.Events events) {
    synchronized (lock) {
      for (WatchEvent event : events.events()) {
        CacheEvent change = toCacheEvent(event, events.revision());
        if (change.type() == CacheEvent.Type.DELETED) {
          objects.remove(keyOf(change.object()));
        } else {
          objects.put(keyOf(change.object()), change.object());
        }
        window.addLast(change);
        if (window.size() > capacity) {
          oldestResumable = window.removeFirst().revision();
        }
        fanOut(change, encodedFrom(event, events.revision()));
      }
      revision = events.revision();
    }
  }

  private CacheEvent toCacheEvent(WatchEvent event, long eventRevision) {
    if (event.type() == WatchEvent.Type.DELETE) {
      // decoded afresh: the delete's revision is set on it, and the cached object is shared
      Optional<HasMetadata> previous = event.prevKv().filter(kv -> !kv.isTombstone()).map(kv -> codec.decode(kind, kv));
      HasMetadata last = previous.orElseThrow(() -> new IllegalStateException("delete without previous value"));
      last.getMetadata().setResourceVersion(Long.toString(eventRevision));
      return new CacheEvent(CacheEvent.Type.DELETED, last, previous, eventRevision);
    }
    HasMetadata object = codec.decode(kind, event.kv());
    Optional<HasMetadata> previous = event.prevKv().filter(kv -> !kv.isTombstone()).map(kv -> cachedOr(object, kv));
    CacheEvent.Type type = event.kv().version() == 1 ? CacheEvent.Type.ADDED : CacheEvent.Type.MODIFIED;
    return new CacheEvent(type, object, previous, eventRevision);
  }

  /**
   * The previous state of a changed object: the cache holds it already (changes are applied in
   * revision order), so it is decoded again only when the cached one is not that revision.
   */
  private HasMetadata cachedOr(HasMetadata changed, KeyValue prevKv) {
    HasMetadata cached = objects.get(keyOf(changed));
    if (cached != null && Long.toString(prevKv.modRevision()).equals(cached.getMetadata().getResourceVersion())) {
      return cached;
    }
    return codec.decode(kind, prevKv);
  }

  /**
   * The JSON of a change's object made from the store's bytes (no encoding of the decoded object;
   * see {@link ObjectCodec#servedJson}): the new value, or for a delete the last value with the
   * delete's revision.
   */
  private Memo encodedFrom(WatchEvent event, long eventRevision) {
    if (event.type() == WatchEvent.Type.DELETE) {
      KeyValue last = event.prevKv().orElseThrow();
      return new Memo(() -> codec.servedJson(kind, last, eventRevision));
    }
    KeyValue now = event.kv();
    return new Memo(() -> codec.servedJson(kind, now, now.modRevision()));
  }

  private void fanOut(CacheEvent change, Memo encoded) {
    for (Watcher watcher : watchers) {
      WatchEventOut.Type type = change.revision() > watcher.after ? watcher.typeFor(change) : null;
      if (type != null && !watcher.sink.offer(new WatchEventOut(type, change.object(), change.revision(), encoded))) {
        log.debug("watch of {} too slow; ending it at revision {}", kind.qualifiedResource(), change.revision());
        remove(watcher);
      }
    }
  }

  /**
   * Adds a watcher. {@code fromVersion} 0 means "current state first": every matching object as
   * ADDED, then changes; a positive version replays every change after it from the window.
   *
   * @throws io.capstan.spi.client.GoneException when {@code fromVersion} is older than the window
   */
  public AutoCloseable watch(WatchFilter filter, long fromVersion, boolean bookmarks, WatchSink sink) {
    synchronized (lock) {
      if (closed) {
        throw ApiErrors.serviceUnavailable("watch cache of " + kind.qualifiedResource() + " is closed");
      }
      // a watch from a version the cache has not reached yet must not get the changes up to it
      Watcher watcher = new Watcher(filter, bookmarks, sink, Math.max(0, fromVersion));
      if (fromVersion <= 0) {
        for (HasMetadata object : objects.values()) {
          if (filter.matches(object) && !sink.offer(new WatchEventOut(WatchEventOut.Type.ADDED, object,
              Long.parseLong(object.getMetadata().getResourceVersion()), Memo.of(object)))) {
            sink.end();
            return () -> { };
          }
        }
      } else {
        if (fromVersion < oldestResumable) {
          throw ApiErrors.expired("too old resource version: " + fromVersion + " (" + oldestResumable + ")");
        }
        for (CacheEvent change : window) {
          WatchEventOut.Type type = change.revision() > fromVersion ? watcher.typeFor(change) : null;
          if (type != null && !sink.offer(new WatchEventOut(type, change.object(), change.revision(), Memo.of(change.object())))) {
            sink.end();
            return () -> { };
          }
        }
      }
      watchers.add(watcher);
      return () -> remove(watcher);
    }
  }

  /** The current objects matching the filter and the revision they reflect (a list at "any" version). */
  public Snapshot snapshot(WatchFilter filter) {
    synchronized (lock) {
      List<HasMetadata> items = new ArrayList<>();
      for (HasMetadata object : objects.values()) {
        if (filter.matches(object)) {
          items.add(object);
        }
      }
      return new Snapshot(items, revision);
    }
  }

  /** Current objects (shared, read-only) and the revision they are at. */
  public record Snapshot(List<HasMetadata> items, long revision) {}

  /** Sends a bookmark with the current revision to every watcher that asked for bookmarks. */
  public void bookmark() {
    long at;
    synchronized (lock) {
      at = revision;
    }
    HasMetadata marker = Bookmarks.marker(kind, at);
    Memo encoded = Memo.of(marker);
    for (Watcher watcher : watchers) {
      if (watcher.bookmarks && !watcher.sink.offer(new WatchEventOut(WatchEventOut.Type.BOOKMARK, marker, at, encoded))) {
        remove(watcher);
      }
    }
  }

  public long revision() {
    synchronized (lock) {
      return revision;
    }
  }

  public int watcherCount() {
    return watchers.size();
  }

  private void restart(String why) {
    log.info("watch cache of {} restarting: {}", kind.qualifiedResource(), why);
    synchronized (lock) {
      if (closed) {
        return;
      }
      watchers.forEach(this::remove);
      if (storeWatch != null) {
        storeWatch.cancel();
      }
      start();
    }
  }

  private void remove(Watcher watcher) {
    if (watchers.remove(watcher)) {
      watcher.sink.end();
    }
  }

  /**
   * Cancels the store watch outside the lock: a store's cancel may wait for a delivery in progress
   * to return, and that delivery ({@link #onResponse}) takes the lock, so cancelling while holding
   * it deadlocked (seen in a test run: the reference store's watch thread and the closing thread).
   */
  @Override
  public void close() {
    Watch cancelling;
    synchronized (lock) {
      closed = true;
      cancelling = storeWatch;
      storeWatch = null;
    }
    if (cancelling != null) {
      cancelling.cancel();
    }
    synchronized (lock) {
      watchers.forEach(this::remove);
    }
  }

  private static String keyOf(HasMetadata object) {
    String ns = object.getMetadata().getNamespace();
    return (ns == null ? "" : ns) + "/" + object.getMetadata().getName();
  }

  /** A registered watcher and how it sees each change through its filter. */
  private record Watcher(WatchFilter filter, boolean bookmarks, WatchSink sink, long after) {

    /** ADDED/MODIFIED/DELETED as this watcher sees the change, or null when it does not concern it. */
    WatchEventOut.Type typeFor(CacheEvent change) {
      boolean was = change.previous().map(filter::matches).orElse(false);
      if (change.type() == CacheEvent.Type.DELETED) {
        return was ? WatchEventOut.Type.DELETED : null;
      }
      boolean is = filter.matches(change.object());
      if (is) {
        return was ? WatchEventOut.Type.MODIFIED : WatchEventOut.Type.ADDED;
      }
      return was ? WatchEventOut.Type.DELETED : null;
    }
  }
}
