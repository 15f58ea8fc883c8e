package io.capstan.runtime.apiserver.resource;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.apiserver.errors.ApiErrors;
import io.capstan.runtime.apiserver.storage.ObjectStorage;
import io.capstan.runtime.apiserver.storage.StoredList;
import io.capstan.runtime.apiserver.watch.WatchCache;
import io.capstan.runtime.apiserver.watch.WatchCaches;
import io.capstan.runtime.apiserver.watch.WatchFilter;
import io.capstan.runtime.apiserver.watch.WatchSink;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * Gets, lists and watches with Kubernetes' resourceVersion semantics: {@code ""} reads the store
 * (consistent), {@code "0"} serves from the watch cache, a number is "not older than" (cache when
 * it has caught up) or exact ({@code resourceVersionMatch=Exact}, from the store's history).
 */
public final class ResourceReads {

  private static final Comparator<HasMetadata> BY_KEY = Comparator
      .comparing((HasMetadata o) -> o.getMetadata().getNamespace() == null ? "" : o.getMetadata().getNamespace())
      .thenComparing(o -> o.getMetadata().getName());

  private final ObjectStorage storage;
  private final WatchCaches caches;

  public ResourceReads(ObjectStorage storage, WatchCaches caches) {
    this.storage = requireNonNull(storage, "storage");
    this.caches = requireNonNull(caches, "caches");
  }

  public HasMetadata get(ApiRequest request, String resourceVersion) {
    Optional<HasMetadata> found;
    if ("0".equals(resourceVersion)) {
      WatchCache cache = caches.of(request.kind());
      found = cache.snapshot(filterFor(request, o -> request.name().equals(o.getMetadata().getName()))).items().stream().findFirst();
    } else {
      found = storage.get(request.kind(), request.namespace(), request.name(), 0);
    }
    return found.orElseThrow(() -> ApiErrors.notFound(request.kind(), request.name()));
  }

  /**
   * {@link #get} as the JSON a client is served. A read from the store (any resourceVersion but
   * {@code "0"}) is made from the stored bytes without decoding the object; one from the watch cache
   * encodes the cached object.
   */
  public byte[] getJson(ApiRequest request, String resourceVersion) {
    if ("0".equals(resourceVersion)) {
      try {
        return storage.codec().mapper().writeValueAsBytes(get(request, resourceVersion));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return storage.getJson(request.kind(), request.namespace(), request.name())
        .orElseThrow(() -> ApiErrors.notFound(request.kind(), request.name()));
  }

  /** A list page. Items may be shared with the watch cache: callers must not modify them. */
  public StoredList list(ApiRequest request, ListQuery query) {
    Predicate<HasMetadata> predicate = Selectors.of(request.kind(), query);
    OptionalLong store = storeRevision(request, query);
    if (store.isPresent()) {
      return storage.list(request.kind(), request.namespace(), store.getAsLong(), query.limit(), query.continueToken(), predicate);
    }
    return fromCache(request, predicate);
  }

  /**
   * {@link #list} with items as the JSON a client is served. Pages read from the store are made
   * from the stored bytes ({@link ObjectStorage#listJson}); a page from the watch cache is encoded
   * from its objects.
   */
  public ObjectStorage.Page<byte[]> listJson(ApiRequest request, ListQuery query) {
    Predicate<HasMetadata> predicate = Selectors.of(request.kind(), query);
    OptionalLong store = storeRevision(request, query);
    if (store.isPresent()) {
      return storage.listJson(request.kind(), request.namespace(), store.getAsLong(), query.limit(), query.continueToken(),
          predicate);
    }
    StoredList page = fromCache(request, predicate);
    List<byte[]> items = new ArrayList<>(page.items().size());
    for (HasMetadata item : page.items()) {
      try {
        items.add(storage.codec().mapper().writeValueAsBytes(item));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return new ObjectStorage.Page<>(items, page.revision(), page.continueToken(), page.remaining());
  }

  /**
   * The store revision a list reads (0: the latest; a continue token pins its own), or empty when
   * the watch cache serves it: "not older than" a version the cache has reached.
   */
  private OptionalLong storeRevision(ApiRequest request, ListQuery query) {
    String rv = query.resourceVersion();
    if (!query.continueToken().isEmpty() || rv.isEmpty()) {
      return OptionalLong.of(0);
    }
    long version = parseVersion(rv);
    if ("Exact".equals(query.resourceVersionMatch())) {
      return OptionalLong.of(version);
    }
    // Not older than a version the cache has not reached: read the store, which is at least as new.
    return version > caches.of(request.kind()).revision() ? OptionalLong.of(0) : OptionalLong.empty();
  }

  private StoredList fromCache(ApiRequest request, Predicate<HasMetadata> predicate) {
    WatchCache.Snapshot snapshot = caches.of(request.kind()).snapshot(filterFor(request, predicate));
    List<HasMetadata> items = new ArrayList<>(snapshot.items());
    items.sort(BY_KEY);
    return new StoredList(items, snapshot.revision(), "", 0);
  }

  /** Starts a watch from the query's resourceVersion; see {@link WatchCache#watch}. */
  public AutoCloseable watch(ApiRequest request, ListQuery query, WatchSink sink) {
    Predicate<HasMetadata> predicate = Selectors.of(request.kind(), query);
    String rv = query.resourceVersion();
    long from = rv.isEmpty() || rv.equals("0") ? 0 : parseVersion(rv);
    return caches.of(request.kind()).watch(filterFor(request, predicate), from, query.allowWatchBookmarks(), sink);
  }

  private static WatchFilter filterFor(ApiRequest request, Predicate<HasMetadata> predicate) {
    return new WatchFilter(request.kind().namespaced() ? request.namespace() : "", predicate);
  }

  static long parseVersion(String rv) {
    try {
      long version = Long.parseLong(rv);
      if (version < 0) {
        throw new NumberFormatException();
      }
      return version;
    } catch (NumberFormatException e) {
      throw ApiErrors.badRequest("invalid resource version: " + rv);
    }
  }
}
