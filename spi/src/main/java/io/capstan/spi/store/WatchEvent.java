package io.capstan.spi.store;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One change to one key.
 *
 * @param type PUT (created or updated; {@code kv.version() == 1} means created) or DELETE
 * @param kv for PUT the entry after the change; for DELETE a {@linkplain KeyValue#tombstone
 *     tombstone} with the key and the delete's revision
 * @param prevKv the entry before the change when the watch asked for it and the key existed
 */
public record WatchEvent(Type type, KeyValue kv, Optional<KeyValue> prevKv) {

  public enum Type { PUT, DELETE }

  public WatchEvent {
    requireNonNull(type, "type");
    requireNonNull(kv, "kv");
    requireNonNull(prevKv, "prevKv");
    if ((type == Type.DELETE) != kv.isTombstone()) {
      throw new IllegalArgumentException(type + " event with " + kv);
    }
    if (prevKv.isPresent() && (!prevKv.get().key().equals(kv.key())
        || prevKv.get().isTombstone() || prevKv.get().modRevision() >= kv.modRevision())) {
      throw new IllegalArgumentException("prevKv " + prevKv.get() + " cannot precede " + kv);
    }
  }

  public static WatchEvent put(KeyValue kv) {
    return new WatchEvent(Type.PUT, kv, Optional.empty());
  }

  public static WatchEvent delete(Bytes key, long revision) {
    return new WatchEvent(Type.DELETE, KeyValue.tombstone(key, revision), Optional.empty());
  }

  /** The same event carrying {@code prevKv}. */
  public WatchEvent withPrevKv(KeyValue prevKv) {
    return new WatchEvent(type, kv, Optional.of(prevKv));
  }

  /** The revision of the change: {@code kv.modRevision()}. */
  public long revision() {
    return kv.modRevision();
  }

  /** True for a PUT that created the key. */
  public boolean isCreate() {
    return type == Type.PUT && kv.version() == 1;
  }
}
