package io.capstan.runtime.client.workqueue;

import io.capstan.spi.clock.Clock;
import io.capstan.spi.controller.RateLimiter;
import java.time.Duration;

/**
 * The rate limiter of every controller unless configured otherwise, client-go's
 * {@code DefaultControllerRateLimiter()}: the longer of a per-key exponential back-off (5 ms doubling
 * to 1000 s, {@link ItemExponentialFailureRateLimiter}) and an overall token bucket (10 qps, burst
 * 100, {@link BucketRateLimiter}). The first protects the API server from one key failing in a hot
 * loop; the second from many keys failing at once.
 *
 * <p>Use one instance per work queue: the bucket is shared by the keys of that queue only.
 * Thread-safe.
 *
 * @param <K> the key type
 */
public final class DefaultControllerRateLimiter<K> implements RateLimiter<K> {

  private final MaxOfRateLimiter<K> delegate;

  /** @param clock the clock that refills the token bucket */
  public DefaultControllerRateLimiter(Clock clock) {
    this.delegate = new MaxOfRateLimiter<>(
        new ItemExponentialFailureRateLimiter<K>(), new BucketRateLimiter<K>(clock));
  }

  @Override
  public Duration when(K key) {
    return delegate.when(key);
  }

  @Override
  public void forget(K key) {
    delegate.forget(key);
  }

  @Override
  public int numRequeues(K key) {
    return delegate.numRequeues(key);
  }
}
