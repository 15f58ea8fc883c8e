package io.capstan.runtime.client.informer;

import io.capstan.spi.client.ResourceEventHandler;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * One step of an informer's dispatch sequence ({@link EventDispatcher}): an event for every active
 * handler, or a control step (a handler joining, a resync, the end of the initial list). Mirrors
 * client-go's {@code addNotification}, {@code updateNotification} and {@code deleteNotification}
 * in {@code shared_informer.go}, plus the steps client-go performs under its {@code blockDeltas}
 * lock instead of in sequence.
 */
sealed interface Notification<T extends HasMetadata> {

  record Added<T extends HasMetadata>(T object) implements Notification<T> {}

  record Updated<T extends HasMetadata>(T oldObject, T newObject) implements Notification<T> {}

  record Deleted<T extends HasMetadata>(T lastKnown, boolean finalStateUnknown)
      implements Notification<T> {}

  /** A handler joins: it gets {@code onAdd} for {@code existing}, then every later event. */
  record Register<T extends HasMetadata>(ResourceEventHandler<T> handler, List<T> existing)
      implements Notification<T> {}

  /** A periodic resync: {@code onUpdate(o, o)} for each object, to every active handler. */
  record Resync<T extends HasMetadata>(List<T> objects) implements Notification<T> {}

  /** Everything of the initial list has been delivered: the informer has synced. */
  record Synced<T extends HasMetadata>() implements Notification<T> {}
}
