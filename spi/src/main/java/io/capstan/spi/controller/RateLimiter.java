package io.capstan.spi.controller;

import java.time.Duration;

/**
 * Decides how long a failing key waits before its next try. The runtime's default combines a
 * per-key exponential back-off (5 ms doubling to 1000 s) with an overall token bucket
 * (10 per second, burst 100), as client-go's {@code DefaultControllerRateLimiter} does.
 *
 * <p>Thread-safe and non-blocking.
 *
 * @param <K> the key type
 */
public interface RateLimiter<K> {

  /** The delay before the key's next try; counts one more failure for the key. */
  Duration when(K key);

  /** Clears the key's failure count. */
  void forget(K key);

  /** The key's failure count since the last {@link #forget}. */
  int numRequeues(K key);
}
