package io.capstan.spi.client;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads an informer's cache: no request reaches the API server. Thread-safe, never blocks for
 * long (a read lock at most), and may be called from handlers and workers alike.
 *
 * <p><b>The objects returned are the cache's own, shared by every component of the process, and
 * must be treated as read-only.</b> Copy before changing ({@code new PodBuilder(pod).build()}) and
 * write the copy through a {@link ResourceClient}. The cache may lag the server; writes based on
 * it are protected by resourceVersion conflicts.
 *
 * <p>Namespace {@code ""} means every namespace for namespaced kinds and is the only valid value
 * for cluster-scoped kinds. Lists are in no particular order.
 *
 * @param <T> the fabric8 model class of the kind
 */
public interface Lister<T extends HasMetadata> {

  /** The built-in index every informer maintains: objects by {@code metadata.namespace}. */
  String NAMESPACE_INDEX = "namespace";

  /** The cached object, or empty (never created, deleted, or not yet seen). */
  Optional<T> get(String namespace, String name);

  /** The cached objects of a namespace ({@code ""}: all) that satisfy {@code filter}. */
  List<T> list(String namespace, Predicate<? super T> filter);

  /** All cached objects of a namespace ({@code ""}: all). */
  default List<T> list(String namespace) {
    return list(namespace, object -> true);
  }

  /**
   * The cached objects whose index function returned {@code value} for index {@code indexName}.
   *
   * @throws IllegalArgumentException when no index of that name was added
   */
  List<T> byIndex(String indexName, String value);
}
