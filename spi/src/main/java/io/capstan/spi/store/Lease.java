package io.capstan.spi.store;

/**
 * A granted lease, as returned by {@link Store#grantLease} and {@link Store#keepAlive}.
 *
 * @param id the lease id, never {@link KeyValue#NO_LEASE}
 * @param ttlSeconds the time to live the store actually granted, which may be longer than asked
 *     (etcd enforces a minimum); the lease expires if no keep-alive arrives within it
 */
public record Lease(long id, long ttlSeconds) {

  public Lease {
    if (id <= 0) {
      throw new IllegalArgumentException("lease id must be > 0, was " + id);
    }
    if (ttlSeconds < 1) {
      throw new IllegalArgumentException("ttlSeconds must be >= 1, was " + ttlSeconds);
    }
  }
}
