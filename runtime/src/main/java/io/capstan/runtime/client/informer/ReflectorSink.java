package io.capstan.runtime.client.informer;

import io.capstan.spi.client.WatchEventType;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * Where a {@link Reflector} puts what it lists and watches: client-go's {@code Store} as seen by its
 * reflector ({@code Replace}, {@code Add/Update/Delete}, {@code UpdateResourceVersion}). The
 * reflector calls it from one list or watch at a time, under its own lock, so calls never overlap;
 * implementations must be quick and must not call back into the reflector.
 */
interface ReflectorSink<T extends HasMetadata> {

  /** The complete state at {@code resourceVersion}, from a (possibly paginated) list. */
  void replace(List<T> items, String resourceVersion);

  /** One ADDED, MODIFIED or DELETED event of the watch. */
  void apply(WatchEventType type, T object);

  /** A BOOKMARK: nothing changed up to {@code resourceVersion}. */
  void bookmark(String resourceVersion);
}
