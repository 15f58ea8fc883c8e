package io.capstan.spi.client;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.function.Function;

/**
 * A cache of every object of one kind, kept current by one list-and-watch, and shared by all
 * components of a process that ask the {@link InformerFactory} for that kind. It relists on its
 * own after a {@link GoneException} or a broken watch.
 *
 * <p>Thread-safe. Obtain it from {@link InformerFactory#sharedInformer(Class)}; its lifecycle is
 * the factory's.
 *
 * @param <T> the fabric8 model class of the kind
 */
public interface SharedInformer<T extends HasMetadata> {

  /** The kind this informer caches. */
  Class<T> type();

  /**
   * Registers a handler. Events are delivered on the informer's dispatch thread (see
   * {@link ResourceEventHandler}). If the informer has already synced, the handler first
   * receives {@code onAdd} for every cached object, on that same thread. May be called before or
   * after start.
   */
  void addEventHandler(ResourceEventHandler<T> handler);

  /** Unregisters a handler; no event reaches it after the in-progress one. Unknown: no effect. */
  void removeEventHandler(ResourceEventHandler<T> handler);

  /**
   * Adds a named index usable with {@link Lister#byIndex(String, String)}. The function returns
   * the index values of an object (for pods by node: {@code List.of(spec.nodeName)}; an empty list
   * leaves the object out of the index). Must be called before the factory starts.
   *
   * @throws IllegalStateException after the informer has started, or when the name is taken by a
   *     different function
   */
  void addIndexer(String indexName, Function<T, List<String>> indexFunction);

  /**
   * True once the initial list has been stored in the cache and delivered to handlers. Controllers
   * do not process keys before this: a partial cache looks like deleted objects.
   */
  boolean hasSynced();

  /** The resourceVersion of the last list or event applied to the cache, or {@code ""}. */
  String lastSyncResourceVersion();

  /** Read access to the cache. */
  Lister<T> lister();
}
