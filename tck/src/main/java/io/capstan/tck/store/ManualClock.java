package io.capstan.tck.store;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.clock.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Clock} that moves only when a test calls {@link #advance}, so lease expiry in a {@link
 * ReferenceStore} built with {@link ReferenceStore#withClock} happens exactly when the test says.
 * Thread-safe.
 */
public final class ManualClock implements Clock {

  private final Instant origin;
  private final AtomicLong nanos = new AtomicLong();

  /** A clock at 2024-01-01T00:00:00Z whose {@link #nanoTime()} starts at 0. */
  public ManualClock() {
    this(Instant.parse("2024-01-01T00:00:00Z"));
  }

  public ManualClock(Instant origin) {
    this.origin = requireNonNull(origin, "origin");
  }

  @Override
  public Instant now() {
    return origin.plusNanos(nanos.get());
  }

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  /** Moves time forward by {@code duration}, which must not be negative. */
  public void advance(Duration duration) {
    requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("time never goes backwards; got " + duration);
    }
    nanos.addAndGet(duration.toNanos());
  }
}
