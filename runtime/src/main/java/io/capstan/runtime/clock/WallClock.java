package io.capstan.runtime.clock;

import io.capstan.spi.clock.Clock;
import java.time.Instant;

/**
 * The real clock: {@link #now()} from the system UTC clock, {@link #nanoTime()} from {@link
 * System#nanoTime()}. The {@link PooledTaskExecutor} measures delays with {@code System.nanoTime()}
 * as well, so delays and {@link #nanoTime()} are on the same scale.
 */
public final class WallClock implements Clock {

  // java.time's system clock reads the best available resolution (microseconds on Linux),
  // better than currentTimeMillis for ordering timestamps written close together.
  private final java.time.Clock system = java.time.Clock.systemUTC();

  @Override
  public Instant now() {
    return system.instant();
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public String toString() {
    return "WallClock";
  }
}
