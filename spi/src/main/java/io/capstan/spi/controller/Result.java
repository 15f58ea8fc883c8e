package io.capstan.spi.controller;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * What a reconcile asks the host to do with its key next. Never null.
 *
 * <ul>
 *   <li>{@link #done()}: the object is where it should be; forget the key's failure count. A later
 *       event will enqueue it again.
 *   <li>{@link #requeue()}: try again soon with the rate limiter's back-off (for instance after a
 *       {@code ConflictException}); the failure count grows.
 *   <li>{@link #requeueAfter(Duration)}: look again after a fixed delay, measured on the injected
 *       clock (a CronJob's next schedule, a pod's grace period); the failure count is forgotten.
 *   <li>{@link #error(Throwable)}: like {@code requeue()}, and the host logs the error with the key.
 *       Throwing from {@code reconcile} has the same effect.
 * </ul>
 *
 * @param action what to do with the key
 * @param delay the delay of {@link Action#REQUEUE_AFTER}, {@link Duration#ZERO} otherwise
 * @param error the failure of {@link #error(Throwable)}, empty otherwise
 */
public record Result(Action action, Duration delay, Optional<Throwable> error) {

  /** What the host does with the key after a reconcile. */
  public enum Action {
    /** Forget the key. */
    DONE,
    /** Re-add with the rate limiter's back-off ({@link WorkQueue#addRateLimited}). */
    REQUEUE_RATE_LIMITED,
    /** Forget the failure count and re-add after {@link Result#delay()}. */
    REQUEUE_AFTER
  }

  private static final Result DONE = new Result(Action.DONE, Duration.ZERO, Optional.empty());
  private static final Result REQUEUE =
      new Result(Action.REQUEUE_RATE_LIMITED, Duration.ZERO, Optional.empty());

  public Result {
    requireNonNull(action, "action");
    requireNonNull(delay, "delay");
    requireNonNull(error, "error");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, got " + delay);
    }
    if (action != Action.REQUEUE_AFTER && !delay.isZero()) {
      throw new IllegalArgumentException("only REQUEUE_AFTER has a delay, got " + action);
    }
    if (error.isPresent() && action != Action.REQUEUE_RATE_LIMITED) {
      throw new IllegalArgumentException("an error result is always rate-limited, got " + action);
    }
  }

  public static Result done() {
    return DONE;
  }

  public static Result requeue() {
    return REQUEUE;
  }

  /** Re-run after {@code delay}; a zero delay re-adds the key at once. */
  public static Result requeueAfter(Duration delay) {
    return new Result(Action.REQUEUE_AFTER, delay, Optional.empty());
  }

  public static Result error(Throwable error) {
    return new Result(Action.REQUEUE_RATE_LIMITED, Duration.ZERO,
        Optional.of(requireNonNull(error, "error")));
  }

  /** True unless this is {@link #done()}. */
  public boolean isRequeue() {
    return action != Action.DONE;
  }
}
