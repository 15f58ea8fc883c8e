package io.capstan.runtime.client.informer;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How an informer lists, watches and retries. The defaults are client-go's: no resync, pages of
 * 500 ({@code tools/pager}'s default page size), and the reflector's back-off of 800 ms doubling to
 * 30 s, forgotten after 2 minutes without failures ({@code NewExponentialBackoffManager(800ms, 30s,
 * 2min, 2.0, ...)} in {@code reflector.go}; Capstan leaves out its jitter so simulations replay
 * exactly).
 *
 * @param resyncPeriod how often every cached object is re-delivered as
 *     {@code onUpdate(obj, obj)}, so level-based controllers revisit everything; {@link
 *     Duration#ZERO} turns resync off
 * @param pageSize the {@code limit} of each list request; {@code 0} lists in one request
 * @param initialBackoff the first wait after a failed list or watch
 * @param maxBackoff the longest wait
 * @param backoffResetAfter a failure this long after the previous one starts again from {@code
 *     initialBackoff}
 */
public record InformerOptions(Duration resyncPeriod, long pageSize, Duration initialBackoff,
    Duration maxBackoff, Duration backoffResetAfter) {

  /** client-go's {@code pager.defaultPageSize}. */
  public static final long DEFAULT_PAGE_SIZE = 500;

  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(800);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
  public static final Duration DEFAULT_BACKOFF_RESET_AFTER = Duration.ofMinutes(2);

  public InformerOptions {
    requireNonNull(resyncPeriod, "resyncPeriod");
    requireNonNull(initialBackoff, "initialBackoff");
    requireNonNull(maxBackoff, "maxBackoff");
    requireNonNull(backoffResetAfter, "backoffResetAfter");
    if (resyncPeriod.isNegative()) {
      throw new IllegalArgumentException(
          "resyncPeriod must be zero (off) or positive, got " + resyncPeriod);
    }
    if (pageSize < 0) {
      throw new IllegalArgumentException("pageSize must be >= 0 (0 = one request), got " + pageSize);
    }
    if (initialBackoff.isNegative() || initialBackoff.isZero()) {
      throw new IllegalArgumentException("initialBackoff must be positive, got " + initialBackoff);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff " + maxBackoff + " must not be shorter than initialBackoff " + initialBackoff);
    }
    if (backoffResetAfter.isNegative() || backoffResetAfter.isZero()) {
      throw new IllegalArgumentException(
          "backoffResetAfter must be positive, got " + backoffResetAfter);
    }
  }

  /** Every setting at its default. */
  public static InformerOptions defaults() {
    return new InformerOptions(Duration.ZERO, DEFAULT_PAGE_SIZE, DEFAULT_INITIAL_BACKOFF,
        DEFAULT_MAX_BACKOFF, DEFAULT_BACKOFF_RESET_AFTER);
  }

  public InformerOptions withResyncPeriod(Duration period) {
    return new InformerOptions(period, pageSize, initialBackoff, maxBackoff, backoffResetAfter);
  }

  public InformerOptions withPageSize(long size) {
    return new InformerOptions(resyncPeriod, size, initialBackoff, maxBackoff, backoffResetAfter);
  }

  public InformerOptions withBackoff(Duration initial, Duration max) {
    return new InformerOptions(resyncPeriod, pageSize, initial, max, backoffResetAfter);
  }
}
