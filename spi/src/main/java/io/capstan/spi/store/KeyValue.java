package io.capstan.spi.store;

import static java.util.Objects.requireNonNull;

/**
 * One key's state at a revision, with etcd's per-key metadata ({@code mvccpb.KeyValue}).
 *
 * <ul>
 *   <li>{@code createRevision}: the revision of the write that last created the key (a put to an
 *       absent key); deleting and re-creating it starts again.
 *   <li>{@code modRevision}: the revision of the key's last change. Kubernetes-style callers use it
 *       as the object's {@code resourceVersion}. All keys written by one transaction share it.
 *   <li>{@code version}: 1 on creation, +1 on every put, 0 after delete.
 *   <li>{@code lease}: the attached lease's id, or {@link #NO_LEASE}.
 * </ul>
 *
 * <p>A <em>tombstone</em> is how a {@link WatchEvent.Type#DELETE} event names the deleted key: it
 * carries the key and the delete's revision as {@code modRevision}; value, createRevision, version
 * and lease are empty/zero (as in etcd). Range results never contain tombstones. With {@link
 * RangeRequest#keysOnly()} the value is {@link Bytes#EMPTY} but the metadata is complete.
 */
public record KeyValue(
    Bytes key, Bytes value, long createRevision, long modRevision, long version, long lease) {

  /** The lease id meaning "no lease attached". */
  public static final long NO_LEASE = 0;

  public KeyValue {
    KeyRange.requireNonEmpty(key);
    requireNonNull(value, "value");
    if (modRevision < 1) {
      throw new IllegalArgumentException("modRevision must be >= 1, was " + modRevision);
    }
    if (lease < 0) {
      throw new IllegalArgumentException("lease must be >= 0, was " + lease);
    }
    if (version == 0) {
      if (createRevision != 0 || lease != 0 || !value.isEmpty()) {
        throw new IllegalArgumentException(
            "a tombstone (version 0) has no value, createRevision or lease: " + key);
      }
    } else if (version < 0 || createRevision < 1 || createRevision > modRevision) {
      throw new IllegalArgumentException(
          "need version >= 1 and 1 <= createRevision <= modRevision, got version "
              + version + ", createRevision " + createRevision + ", modRevision " + modRevision);
    }
  }

  /** A live key without a lease. */
  public static KeyValue of(Bytes key, Bytes value, long createRevision, long modRevision,
      long version) {
    return new KeyValue(key, value, createRevision, modRevision, version, NO_LEASE);
  }

  /** The key of a {@link WatchEvent.Type#DELETE} event, deleted at {@code deleteRevision}. */
  public static KeyValue tombstone(Bytes key, long deleteRevision) {
    return new KeyValue(key, Bytes.EMPTY, 0, deleteRevision, 0, NO_LEASE);
  }

  public boolean isTombstone() {
    return version == 0;
  }

  public boolean hasLease() {
    return lease != NO_LEASE;
  }

  /** The same entry without its value, as returned for {@link RangeRequest#keysOnly()}. */
  public KeyValue withoutValue() {
    return value.isEmpty() ? this
        : new KeyValue(key, Bytes.EMPTY, createRevision, modRevision, version, lease);
  }

  @Override
  public String toString() {
    return "KeyValue[" + key + ", " + value.size() + " bytes, create=" + createRevision
        + ", mod=" + modRevision + ", version=" + version
        + (hasLease() ? ", lease=" + lease : "") + "]";
  }
}
