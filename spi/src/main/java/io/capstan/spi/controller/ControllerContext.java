package io.capstan.spi.controller;

import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.client.Lister;
import io.capstan.spi.clock.Clock;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Everything the host offers a reconcile. Supplied by the host; thread-safe; the same instance is
 * passed to every call of one controller.
 */
public interface ControllerContext {

  /** Writes (and, rarely, fresh reads) through the API server. Blocking. */
  ApiClient client();

  /** The process's shared informers. */
  InformerFactory informers();

  /**
   * The cache of a kind. The kind should have been declared in {@link Controller#setup}; otherwise
   * its informer is created on first use and reads return nothing until it has synced.
   */
  default <T extends HasMetadata> Lister<T> lister(Class<T> type) {
    return informers().sharedInformer(type).lister();
  }

  /** The only source of time for the controller. */
  Clock clock();

  /** Records Kubernetes Events about objects, attributed to this controller. */
  EventRecorder events();

  /**
   * The host's shared task executor, for a reconcile that fans out independent writes (a
   * ReplicaSet's slow-start batch of pod creations). Tasks must not block for long. A reconcile
   * that waits for such tasks must be able to run them itself, since on a single-threaded
   * (virtual-clock) executor they only start after the reconcile returns. The default runs
   * tasks at once in the caller.
   */
  default java.util.concurrent.Executor executor() {
    return Runnable::run;
  }
}
