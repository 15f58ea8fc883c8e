package io.capstan.runtime.clock;

import io.capstan.spi.plugin.InvalidConfigException;

/**
 * Configuration of the {@code wall} clock plugin, bound from {@code clock.wall.*}.
 *
 * @param threads worker threads of the shared task pool; {@code null} (key absent) means the
 *     default, twice the number of cores and at least 2. Tasks must not block, so a small pool
 *     serves thousands of timers.
 */
public record WallClockConfig(Integer threads) {

  public WallClockConfig {
    if (threads == null) {
      threads = defaultThreads();
    }
    if (threads <= 0) {
      throw new InvalidConfigException(
          "threads",
          "must be a positive number of worker threads, was "
              + threads
              + "; remove the key to use the default ("
              + defaultThreads()
              + " on this machine)");
    }
  }

  /** Every setting at its default. */
  public static WallClockConfig defaults() {
    return new WallClockConfig(null);
  }

  /** Twice the cores, because tasks are short but some wait briefly on locks; never fewer than 2. */
  public static int defaultThreads() {
    return Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
  }
}
