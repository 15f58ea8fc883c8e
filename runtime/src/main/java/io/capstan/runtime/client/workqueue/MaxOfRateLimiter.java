package io.capstan.runtime.client.workqueue;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.controller.RateLimiter;
import java.time.Duration;
import java.util.List;

/**
 * Asks every limiter and answers the longest delay (and the largest requeue count), as client-go's
 * {@code MaxOfRateLimiter}: every limiter is asked on every call, so each counts the failure or
 * takes its token even when another one's answer wins. As client-go warns, a token bucket in the mix
 * can appear to exceed its burst when some keys are held back longer by another limiter.
 *
 * <p>Thread-safe when its limiters are.
 *
 * @param <K> the key type
 */
public final class MaxOfRateLimiter<K> implements RateLimiter<K> {

  private final List<RateLimiter<K>> limiters;

  @SafeVarargs
  public MaxOfRateLimiter(RateLimiter<K>... limiters) {
    this(List.of(requireNonNull(limiters, "limiters")));
  }

  /** @param limiters at least one */
  public MaxOfRateLimiter(List<RateLimiter<K>> limiters) {
    this.limiters = List.copyOf(requireNonNull(limiters, "limiters"));
    if (this.limiters.isEmpty()) {
      throw new IllegalArgumentException("MaxOfRateLimiter needs at least one limiter");
    }
  }

  @Override
  public Duration when(K key) {
    Duration longest = Duration.ZERO;
    for (RateLimiter<K> limiter : limiters) {
      Duration delay = limiter.when(key);
      if (delay.compareTo(longest) > 0) {
        longest = delay;
      }
    }
    return longest;
  }

  @Override
  public void forget(K key) {
    limiters.forEach(limiter -> limiter.forget(key));
  }

  @Override
  public int numRequeues(K key) {
    int most = 0;
    for (RateLimiter<K> limiter : limiters) {
      most = Math.max(most, limiter.numRequeues(key));
    }
    return most;
  }
}
