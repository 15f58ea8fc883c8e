package io.capstan.runtime.client.workqueue;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.clock.Clock;
import io.capstan.spi.controller.RateLimiter;
import java.time.Duration;

/**
 * An overall token bucket shared by every key: {@code qps} tokens per second, at most
 * {@code burst} saved up; the bucket starts full. Each {@link #when} takes a token, borrowing
 * against the future when none is left, and answers how long until that token exists: with the
 * defaults (10 qps, burst 100) the first 100 calls wait nothing, the 101st waits 100 ms, the 102nd
 * 200 ms. This is client-go's {@code BucketRateLimiter}, i.e. {@code rate.Limiter.Reserve().Delay()}
 * of {@code golang.org/x/time/rate}, with time read from the injected {@link Clock} so virtual time
 * refills the bucket exactly.
 *
 * <p>It keeps no per-key state: {@link #forget} does nothing and {@link #numRequeues} is always 0.
 * Thread-safe; one short lock.
 *
 * @param <K> the key type
 */
public final class BucketRateLimiter<K> implements RateLimiter<K> {

  /** client-go's {@code DefaultControllerRateLimiter} rate. */
  public static final double DEFAULT_QPS = 10;

  /** client-go's {@code DefaultControllerRateLimiter} bucket size. */
  public static final int DEFAULT_BURST = 100;

  private static final double NANOS_PER_SECOND = 1e9;

  private final Clock clock;
  private final double qps;
  private final int burst;
  private double tokens; // guarded by this; negative while borrowed
  private long last; // guarded by this; nanoTime of the last refill

  /** 10 qps, burst 100. */
  public BucketRateLimiter(Clock clock) {
    this(clock, DEFAULT_QPS, DEFAULT_BURST);
  }

  /**
   * @param qps tokens added per second, positive
   * @param burst the bucket size, positive
   */
  public BucketRateLimiter(Clock clock, double qps, int burst) {
    this.clock = requireNonNull(clock, "clock");
    if (!(qps > 0) || Double.isInfinite(qps)) {
      throw new IllegalArgumentException("qps must be positive and finite, got " + qps);
    }
    if (burst <= 0) {
      throw new IllegalArgumentException("burst must be positive, got " + burst);
    }
    this.qps = qps;
    this.burst = burst;
    this.tokens = burst;
    this.last = clock.nanoTime();
  }

  @Override
  public synchronized Duration when(K key) {
    long now = clock.nanoTime();
    long elapsed = Math.max(0L, now - last); // x/time/rate also refuses to go backwards
    tokens = Math.min(burst, tokens + elapsed * qps / NANOS_PER_SECOND);
    last = Math.max(last, now);
    tokens -= 1;
    if (tokens >= 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) (-tokens * NANOS_PER_SECOND / qps));
  }

  @Override
  public void forget(K key) {}

  @Override
  public int numRequeues(K key) {
    return 0;
  }
}
