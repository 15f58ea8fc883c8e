package io.capstan.spi.client;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Set;

/**
 * Hands out one {@link SharedInformer} per kind per process, so that ten controllers watching pods
 * cost one watch and one cache. The runtime binds it; plugins inject it (or get it from their
 * host's context).
 *
 * <p><b>Lifecycle.</b> The host (controller manager, node agent, proxy host) asks for the informers
 * its plugins need while setting up, then calls {@link #start()}; informers requested after
 * {@code start()} start at once. {@link #stop()} ends every watch. Informers list and watch on
 * the shared task executor, not on threads of their own.
 *
 * <p>Thread-safe; no method blocks.
 */
public interface InformerFactory {

  /**
   * The informer of a kind, created on first request and the same instance afterwards. Informers
   * are cluster-wide (all namespaces).
   */
  <T extends HasMetadata> SharedInformer<T> sharedInformer(Class<T> type);

  /**
   * The informer of one kind, also of a kind whose Java class holds several kinds (custom resources
   * served from CustomResourceDefinitions, held as {@code GenericKubernetesResource}): callers that
   * walk kinds found at run time (the garbage collector) use this. The default resolves the kind's
   * class with {@link #sharedInformer(Class)}, which works when that class holds one kind only; the
   * runtime's factory overrides it.
   */
  default SharedInformer<? extends HasMetadata> sharedInformer(io.capstan.spi.api.ResourceKind kind) {
    return sharedInformer(kind.javaType());
  }

  /**
   * Stops and forgets the informer {@link #sharedInformer(io.capstan.spi.api.ResourceKind)} made for a
   * kind the API server no longer serves (its CustomResourceDefinition was deleted), so it does not
   * keep relisting; a later request makes a fresh one. Informers of kinds with a class of their own
   * are never released. The default does nothing.
   */
  default void release(io.capstan.spi.api.ResourceKind kind) {
  }

  /** Starts every informer created so far (and any created later). Idempotent. */
  void start();

  /** Stops every informer; handlers receive no further events. Idempotent. */
  void stop();

  /** True when every informer created so far has synced. */
  boolean hasSynced();

  /** The kinds for which an informer exists. */
  Set<Class<? extends HasMetadata>> types();
}
