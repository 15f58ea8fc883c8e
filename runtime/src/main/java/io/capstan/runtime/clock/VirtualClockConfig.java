package io.capstan.runtime.clock;

import java.time.Instant;

/**
 * Configuration of the {@code virtual} clock plugin, bound from {@code clock.virtual.*}.
 * Absent keys ({@code null}) take the defaults, so that two runs of a simulation configured the same
 * way start from the same time and draw the same random numbers.
 *
 * @param seed seed of {@link DeterministicExecutor#random()}; default {@value #DEFAULT_SEED}
 * @param epoch where virtual time starts, an ISO-8601 instant; default {@code 2025-01-01T00:00:00Z}
 */
public record VirtualClockConfig(Long seed, Instant epoch) {

  public static final long DEFAULT_SEED = 1L;

  /** A fixed, round start time, so simulated timestamps are easy to read and diff. */
  public static final Instant DEFAULT_EPOCH = Instant.parse("2025-01-01T00:00:00Z");

  public VirtualClockConfig {
    if (seed == null) {
      seed = DEFAULT_SEED;
    }
    if (epoch == null) {
      epoch = DEFAULT_EPOCH;
    }
  }

  /** Every setting at its default. */
  public static VirtualClockConfig defaults() {
    return new VirtualClockConfig(null, null);
  }

  /** The defaults with another seed: the usual way to get a second, different run. */
  public static VirtualClockConfig withSeed(long seed) {
    return new VirtualClockConfig(seed, null);
  }
}
