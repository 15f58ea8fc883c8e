package io.capstan.runtime.client.workqueue;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.controller.RateLimiter;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key exponential back-off: the n-th failure of a key since its last {@link #forget} waits
 * {@code baseDelay * 2^(n-1)}, capped at {@code maxDelay}. With the defaults (5 ms, 1000 s) a key
 * waits 5 ms, 10 ms, 20 ms, ... and reaches the cap after 18 failures. Mirrors client-go's
 * {@code ItemExponentialFailureRateLimiter} in {@code default_rate_limiters.go}, including its
 * float arithmetic, so huge exponents saturate at the cap instead of overflowing.
 *
 * <p>Thread-safe and non-blocking; keys of different items do not contend. Failure counts are kept
 * until {@link #forget}: callers must forget keys that succeed or go away.
 *
 * @param <K> the key type
 */
public final class ItemExponentialFailureRateLimiter<K> implements RateLimiter<K> {

  /** client-go's {@code DefaultControllerRateLimiter} base delay. */
  public static final Duration DEFAULT_BASE_DELAY = Duration.ofMillis(5);

  /** client-go's {@code DefaultControllerRateLimiter} cap. */
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(1000);

  private final ConcurrentHashMap<K, Integer> failures = new ConcurrentHashMap<>();
  private final long baseNanos;
  private final Duration maxDelay;

  /** 5 ms doubling up to 1000 s. */
  public ItemExponentialFailureRateLimiter() {
    this(DEFAULT_BASE_DELAY, DEFAULT_MAX_DELAY);
  }

  /**
   * @param baseDelay the delay after the first failure, positive
   * @param maxDelay the cap, at least {@code baseDelay}
   */
  public ItemExponentialFailureRateLimiter(Duration baseDelay, Duration maxDelay) {
    requireNonNull(baseDelay, "baseDelay");
    requireNonNull(maxDelay, "maxDelay");
    if (baseDelay.isNegative() || baseDelay.isZero()) {
      throw new IllegalArgumentException("baseDelay must be positive, got " + baseDelay);
    }
    if (maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException(
          "maxDelay " + maxDelay + " must not be shorter than baseDelay " + baseDelay);
    }
    this.baseNanos = baseDelay.toNanos();
    this.maxDelay = maxDelay;
  }

  @Override
  public Duration when(K key) {
    requireNonNull(key, "key");
    int exponent = failures.merge(key, 1, Integer::sum) - 1;
    double backoff = baseNanos * Math.pow(2, exponent);
    if (backoff >= maxDelay.toNanos()) {
      return maxDelay;
    }
    return Duration.ofNanos((long) backoff);
  }

  @Override
  public void forget(K key) {
    failures.remove(requireNonNull(key, "key"));
  }

  @Override
  public int numRequeues(K key) {
    return failures.getOrDefault(requireNonNull(key, "key"), 0);
  }
}
