package io.capstan.spi.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Given to {@link Controller#setup(ControllerSetup)} so the controller can declare what it
 * watches. The host obtains the shared informer of each declared kind, registers a handler that
 * maps every add, update and delete through the mapper, and adds the keys to the controller's work
 * queue. The primary kind is always watched with {@link EventMappers#self()}; declare only the
 * secondary kinds.
 *
 * <p>Only valid during {@code setup}; calls afterwards throw {@link IllegalStateException}.
 */
public interface ControllerSetup {

  /**
   * Watches a secondary kind: for a ReplicaSet controller,
   * {@code watch(Pod.class, EventMappers.controllerOwner("ReplicaSet"))}.
   */
  <T extends HasMetadata> void watch(Class<T> type, EventMapper<T> mapper);

  /**
   * Makes sure the informer of a kind exists and has synced before the first reconcile, without
   * mapping its events (a kind the controller only reads through a lister).
   */
  <T extends HasMetadata> void read(Class<T> type);

  /**
   * Adds a named index to a kind's shared informer; see
   * {@link io.capstan.spi.client.SharedInformer#addIndexer}.
   */
  <T extends HasMetadata> void index(Class<T> type, String indexName,
      java.util.function.Function<T, java.util.List<String>> indexFunction);

  /**
   * The process's shared informers, for event mappers that must read a lister (a ReplicaSet
   * controller maps an orphan pod to every ReplicaSet whose selector matches it). Read listers from
   * mappers only; never block. Hosts that offer none throw {@link UnsupportedOperationException}.
   */
  default io.capstan.spi.client.InformerFactory informers() {
    throw new UnsupportedOperationException("this controller host offers no informers during setup");
  }

  /**
   * Adds keys to this controller's work queue, for a controller that starts watching kinds while it
   * runs (the garbage collector follows CustomResourceDefinitions and connects its own handlers to
   * their kinds' informers). Unlike the other methods it stays valid after {@code setup}, for the
   * controller's lifetime; keys added before the workers start wait in the queue. Hosts that offer
   * none throw {@link UnsupportedOperationException}.
   */
  default java.util.function.Consumer<io.capstan.spi.api.ObjectKey> queue() {
    throw new UnsupportedOperationException("this controller host offers no work queue access");
  }
}
