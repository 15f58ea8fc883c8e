package io.capstan.spi.controller;

import io.capstan.spi.api.ObjectKey;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Set;

/**
 * Turns an object seen by an informer into the keys of the primary objects to reconcile. Called on
 * the informer's dispatch thread: must be pure, fast, and must not block or call the API (read
 * listers if you must). Common mappers are in {@link EventMappers}.
 *
 * <p>For an update the host calls the mapper with the old and with the new object and enqueues
 * both results, so that an object moving between owners (a pod relabelled out of a ReplicaSet's
 * selector) wakes up both. For a delete it is called with the last known state.
 *
 * @param <T> the kind of the watched objects
 */
@FunctionalInterface
public interface EventMapper<T extends HasMetadata> {

  /** The keys to enqueue; empty when the object concerns no primary. */
  Set<ObjectKey> map(T object);
}
