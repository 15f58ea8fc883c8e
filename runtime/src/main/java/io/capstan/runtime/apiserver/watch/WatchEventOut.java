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

  /**
   * This event as one line of a JSON watch stream, {@code {"type":"ADDED","object":{...}}} and a
   * newline; the same bytes for every watcher that gets this change as this type.
   */
  public byte[] jsonLine() {
    return encoded instanceof Memo memo ? memo.line(type) : Memo.line(type, encoded.get());
  }

  /** One line of a JSON watch stream for an event of {@code type} carrying {@code object}'s JSON. */
  public static byte[] jsonLine(Type type, byte[] object) {
    return Memo.line(type, object);
  }

  public WatchEventOut {
    requireNonNull(type, "type");
    requireNonNull(object, "object");
    requireNonNull(encoded, "encoded");
  }
}
