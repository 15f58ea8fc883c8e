package io.capstan.runtime.client.informer;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.clock.Clock;
import java.time.Duration;

/**
 * The reflector's retry delays: client-go's {@code ExponentialBackoffManager} without jitter. Each
 * {@link #next()} returns the current delay and doubles it up to the maximum; a call more than
 * {@code resetAfter} after the previous one starts again from the initial delay, so an informer that
 * has been healthy for a while retries quickly after its next failure.
 *
 * <p>Not thread-safe: the reflector calls it under its own lock.
 */
final class Backoff {

  private final Clock clock;
  private final long initialNanos;
  private final long maxNanos;
  private final long resetAfterNanos;
  private long currentNanos;
  private long lastCall;
  private boolean called;

  Backoff(Clock clock, InformerOptions options) {
    this.clock = requireNonNull(clock, "clock");
    this.initialNanos = options.initialBackoff().toNanos();
    this.maxNanos = options.maxBackoff().toNanos();
    this.resetAfterNanos = options.backoffResetAfter().toNanos();
    this.currentNanos = initialNanos;
  }

  /** The delay before the next retry; counts one more failure. */
  Duration next() {
    long now = clock.nanoTime();
    if (called && now - lastCall > resetAfterNanos) {
      currentNanos = initialNanos;
    }
    called = true;
    lastCall = now;
    long delay = currentNanos;
    currentNanos = delay > maxNanos / 2 ? maxNanos : Math.min(maxNanos, delay * 2);
    return Duration.ofNanos(delay);
  }
}
