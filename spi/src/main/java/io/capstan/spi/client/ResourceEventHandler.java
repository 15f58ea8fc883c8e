package io.capstan.spi.client;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Receives the changes a {@link SharedInformer} sees, after its cache has been updated (so a
 * {@link Lister} read from inside a handler already reflects the event).
 *
 * <p><b>Threading.</b> Each informer calls its handlers on its own single dispatch thread, one
 * event at a time, in the order of the watch. Handlers must return quickly and must not block:
 * no client calls, no locks held by workers. The expected body is "map the object to keys and
 * add them to a work queue". A slow handler delays every other handler of the same informer
 * (all controllers of the process share it). An exception thrown by a handler is logged with the
 * object's key and dispatch continues.
 *
 * <p><b>Objects</b> are the informer's cached instances, shared by every handler and lister of the
 * process: never modify them. Copy first ({@code new PodBuilder(pod).build()}).
 *
 * <p>All methods default to doing nothing, so a handler overrides only what it needs.
 *
 * @param <T> the fabric8 model class of the kind
 */
public interface ResourceEventHandler<T extends HasMetadata> {

  /**
   * An object appeared: created, seen in the initial list, or present in the cache when this
   * handler was added to an informer that had already synced (client-go's behaviour).
   */
  default void onAdd(T object) {}

  /**
   * An object changed. Also called on each periodic resync with {@code oldObject == newObject}
   * (same resourceVersion); compare resourceVersions to tell a resync from a change.
   */
  default void onUpdate(T oldObject, T newObject) {}

  /**
   * An object went away.
   *
   * @param lastKnown the last state the informer saw
   * @param finalStateUnknown true when the deletion was inferred by a relist (the watch missed the
   *     DELETED event), so {@code lastKnown} may be older than the object's final state
   */
  default void onDelete(T lastKnown, boolean finalStateUnknown) {}
}
