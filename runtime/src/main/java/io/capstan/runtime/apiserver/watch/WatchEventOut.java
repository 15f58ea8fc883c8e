package io.capstan.runtime.apiserver.watch;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;

/**
 * What a watcher receives, in Kubernetes' watch event vocabulary. {@code object} is the object
 * (shared, read-only), or for {@code BOOKMARK} an object carrying only the resourceVersion, or for
 * {@code ERROR} a {@link io.fabric8.kubernetes.api.model.Status}. {@code encoded} memoizes one JSON
 * encoding of the object for every watcher that wants it, so fan-out to many watchers encodes once.
 */
public record WatchEventOut(Type type, Object object, long revision, Supplier<byte[]> encoded) {

  /** The event types of a Kubernetes watch stream. */
  public enum Type { ADDED, MODIFIED, DELETED, BOOKMARK, ERROR }

  public WatchEventOut {
    requireNonNull(type, "type");
    requireNonNull(object, "object");
    requireNonNull(encoded, "encoded");
  }
}
