package io.capstan.runtime.clock;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Arithmetic shared by both executors, so the wall pool and the virtual executor agree on exactly
 * the same fixed-rate and delay semantics.
 */
final class Schedules {

  private Schedules() {}

  /**
   * A duration in nanoseconds, clamped to zero below and to {@code Long.MAX_VALUE} above, because a
   * "wait forever" timeout of {@code Duration.ofDays(1_000_000)} must not overflow into the past.
   */
  static long toNanos(Duration duration) {
    requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      return 0L;
    }
    try {
      return duration.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  /** A period for a periodic task: zero would make the task run in a tight loop, so refuse it. */
  static long periodNanos(Duration period, String name) {
    requireNonNull(period, name);
    if (period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, was " + period);
    }
    return toNanos(period);
  }

  /** {@code a + b} for non-negative values, saturating instead of wrapping around. */
  static long plus(long a, long b) {
    long sum = a + b;
    return sum < a ? Long.MAX_VALUE : sum;
  }

  /**
   * When a fixed-rate task runs next. Normally one period after its previous scheduled start; if
   * the run (or the executor) fell behind, the next period boundary at or after {@code now}, so
   * missed runs are skipped instead of piling up back to back.
   *
   * @param scheduledStart the time the previous run was due (not when it actually started)
   * @param period the period, positive
   * @param now the current time on the same monotonic scale
   */
  static long nextFixedRateRun(long scheduledStart, long period, long now) {
    long next = plus(scheduledStart, period);
    if (next >= now) {
      return next;
    }
    long behind = now - scheduledStart;
    long periods = behind / period + (behind % period == 0 ? 0 : 1);
    long offset = periods > Long.MAX_VALUE / period ? Long.MAX_VALUE : periods * period;
    return plus(scheduledStart, offset);
  }
}
