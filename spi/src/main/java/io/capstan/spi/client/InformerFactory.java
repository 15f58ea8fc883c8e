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

  /** Starts every informer created so far (and any created later). Idempotent. */
  void start();

  /** Stops every informer; handlers receive no further events. Idempotent. */
  void stop();

  /** True when every informer created so far has synced. */
  boolean hasSynced();

  /** The kinds for which an informer exists. */
  Set<Class<? extends HasMetadata>> types();
}
