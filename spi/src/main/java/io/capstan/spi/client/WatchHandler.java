package io.capstan.spi.client;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Optional;

/**
 * Receives the events of one {@link ResourceClient#watch watch}.
 *
 * <p>Both methods are called on the watch's single dispatch thread, never concurrently, in
 * resourceVersion order. They must return quickly and must not block (no client calls): hand work
 * to a queue. An exception thrown by a handler is logged and the watch continues.
 *
 * @param <T> the fabric8 model class of the kind
 */
public interface WatchHandler<T extends HasMetadata> {

  /**
   * One change. For DELETED, {@code object} is the last state before deletion. The object is
   * shared with nothing but is read-only by convention; copy it before changing it.
   */
  void onEvent(WatchEventType type, T object);

  /**
   * The watch ended; called exactly once. {@code cause} is empty when the watcher closed it, and
   * holds the reason otherwise: typically a {@link GoneException} (the resourceVersion was
   * compacted: list again and watch from the list's resourceVersion) or a transport failure.
   */
  default void onClose(Optional<ApiException> cause) {}
}
