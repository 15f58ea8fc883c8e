package io.capstan.plugins.store.mvcc;

/** A granted lease as persisted: its id and granted TTL (remaining time is not persisted). */
public record LeaseRecord(long id, long ttlSeconds) {

  public LeaseRecord {
    if (id < 1 || ttlSeconds < 1) {
      throw new IllegalArgumentException("bad lease " + id + " ttl " + ttlSeconds);
    }
  }
}
