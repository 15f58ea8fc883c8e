package io.capstan.runtime.apiserver.watch;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Optional;

/**
 * One change of one object as the watch cache keeps it: the object after the change (for a
 * delete: its last state, with the delete's revision as resourceVersion) and the object before it,
 * which lets a filtered watcher see an object enter or leave its selection.
 *
 * <p>Objects here are shared by every watcher and must never be modified.
 */
public record CacheEvent(Type type, HasMetadata object, Optional<HasMetadata> previous, long revision) {

  /** What happened to the object in the store. */
  public enum Type { ADDED, MODIFIED, DELETED }

  public CacheEvent {
    requireNonNull(type, "type");
    requireNonNull(object, "object");
    requireNonNull(previous, "previous");
  }
}
