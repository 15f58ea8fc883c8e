package io.capstan.runtime.client.informer;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.client.Lister;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An informer's cache: objects by key plus named indexes from index value to keys, client-go's
 * {@code threadSafeMap} with its {@code Indexers}/{@code Indices} ({@code thread_safe_store.go},
 * {@code index.go}). The namespace index ({@link Lister#NAMESPACE_INDEX}) is always present, so
 * {@code list(namespace)} costs the size of the namespace, not of the cache.
 *
 * <p>Readers share a read lock; the informer writes under the write lock. Index functions and
 * filters are user code: index functions run under the write lock (they must be pure and quick),
 * list filters run after the lock is released. An index function that throws is logged with the
 * object's key and leaves that object out of that index.
 *
 * <p>Objects are stored and returned as they are: shared and read-only (see {@link Lister}).
 */
final class IndexedCache<T extends HasMetadata> implements Lister<T> {

  private static final Logger LOG = LoggerFactory.getLogger(IndexedCache.class);

  private final String kind;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  // all guarded by lock
  private final Map<ObjectKey, T> items = new HashMap<>();
  private final Map<String, Function<T, List<String>>> indexers = new HashMap<>();
  private final Map<String, Map<String, Set<ObjectKey>>> indices = new HashMap<>();

  IndexedCache(String kind) {
    this.kind = requireNonNull(kind, "kind");
    // cluster-scoped objects have no namespace and stay out of the index; list("") reads them all
    addIndexer(NAMESPACE_INDEX, IndexedCache::namespaceOf);
  }

  private static List<String> namespaceOf(HasMetadata object) {
    String namespace = object.getMetadata().getNamespace();
    return namespace == null || namespace.isEmpty() ? List.of() : List.of(namespace);
  }

  /**
   * Adds an index and indexes what is already cached. Adding the same function under the same
   * name again does nothing.
   *
   * @throws IllegalStateException when the name is taken by a different function
   */
  void addIndexer(String name, Function<T, List<String>> function) {
    requireNonNull(name, "name");
    requireNonNull(function, "function");
    lock.writeLock().lock();
    try {
      Function<T, List<String>> existing = indexers.get(name);
      if (existing != null) {
        if (existing.equals(function)) {
          return;
        }
        throw new IllegalStateException("index '" + name + "' of the " + kind
            + " informer already exists with another function; choose another index name");
      }
      indexers.put(name, function);
      Map<String, Set<ObjectKey>> index = new HashMap<>();
      indices.put(name, index);
      items.forEach((key, object) -> addToIndex(name, function, index, key, object));
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Stores the object under its key; returns what it replaced. */
  Optional<T> put(ObjectKey key, T object) {
    lock.writeLock().lock();
    try {
      T old = items.put(key, object);
      if (old != null) {
        removeFromIndices(key, old);
      }
      indexers.forEach((name, function) ->
          addToIndex(name, function, indices.get(name), key, object));
      return Optional.ofNullable(old);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Removes the object with this key; returns it. */
  Optional<T> remove(ObjectKey key) {
    lock.writeLock().lock();
    try {
      T old = items.remove(key);
      if (old != null) {
        removeFromIndices(key, old);
      }
      return Optional.ofNullable(old);
    } finally {
      lock.writeLock().unlock();
    }
  }

  Optional<T> get(ObjectKey key) {
    lock.readLock().lock();
    try {
      return Optional.ofNullable(items.get(key));
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Every cached object, in no particular order. */
  List<T> snapshot() {
    lock.readLock().lock();
    try {
      return new ArrayList<>(items.values());
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Every cached key. */
  Set<ObjectKey> keys() {
    lock.readLock().lock();
    try {
      return new HashSet<>(items.keySet());
    } finally {
      lock.readLock().unlock();
    }
  }

  int size() {
    lock.readLock().lock();
    try {
      return items.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Optional<T> get(String namespace, String name) {
    return get(new ObjectKey(namespace, name));
  }

  @Override
  public List<T> list(String namespace, Predicate<? super T> filter) {
    requireNonNull(namespace, "namespace");
    requireNonNull(filter, "filter");
    List<T> candidates = namespace.isEmpty() ? snapshot() : byIndex(NAMESPACE_INDEX, namespace);
    candidates.removeIf(filter.negate());
    return candidates;
  }

  @Override
  public List<T> byIndex(String indexName, String value) {
    requireNonNull(indexName, "indexName");
    requireNonNull(value, "value");
    lock.readLock().lock();
    try {
      Map<String, Set<ObjectKey>> index = indices.get(indexName);
      if (index == null) {
        throw new IllegalArgumentException("the " + kind + " informer has no index '" + indexName
            + "' (it has " + indexers.keySet() + "); add it with SharedInformer.addIndexer or "
            + "ControllerSetup.index before the informers start");
      }
      Set<ObjectKey> keys = index.getOrDefault(value, Set.of());
      List<T> objects = new ArrayList<>(keys.size());
      keys.forEach(key -> objects.add(items.get(key)));
      return objects;
    } finally {
      lock.readLock().unlock();
    }
  }

  private void removeFromIndices(ObjectKey key, T old) {
    indexers.forEach((name, function) -> {
      Map<String, Set<ObjectKey>> index = indices.get(name);
      for (String value : indexValues(name, function, key, old)) {
        Set<ObjectKey> keys = index.get(value);
        if (keys != null && keys.remove(key) && keys.isEmpty()) {
          index.remove(value); // client-go learnt to drop empty sets: they leak with churning values
        }
      }
    });
  }

  private void addToIndex(String name, Function<T, List<String>> function,
      Map<String, Set<ObjectKey>> index, ObjectKey key, T object) {
    for (String value : indexValues(name, function, key, object)) {
      index.computeIfAbsent(value, v -> new HashSet<>()).add(key);
    }
  }

  private List<String> indexValues(String name, Function<T, List<String>> function, ObjectKey key,
      T object) {
    try {
      List<String> values = function.apply(object);
      return values == null ? List.of() : values;
    } catch (RuntimeException e) {
      LOG.error("Index function '{}' of the {} informer failed for {}; leaving it out of the index",
          name, kind, key, e);
      return List.of();
    }
  }
}
