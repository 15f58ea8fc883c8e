package io.capstan.spi.store;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The state of a live lease, from {@link Store#timeToLive}.
 *
 * @param id the lease id
 * @param grantedTtlSeconds the TTL granted (and renewed to by each keep-alive)
 * @param remainingTtlSeconds the seconds left before expiry, rounded up, in [0, granted]
 * @param keys the keys attached, in key order, when asked for; otherwise empty
 */
public record LeaseInfo(long id, long grantedTtlSeconds, long remainingTtlSeconds, List<Bytes> keys) {

  public LeaseInfo {
    keys = List.copyOf(requireNonNull(keys, "keys"));
    if (id <= 0) {
      throw new IllegalArgumentException("lease id must be > 0, was " + id);
    }
    if (remainingTtlSeconds < 0 || remainingTtlSeconds > grantedTtlSeconds) {
      throw new IllegalArgumentException("remaining TTL " + remainingTtlSeconds
          + " outside [0, " + grantedTtlSeconds + "]");
    }
  }
}
