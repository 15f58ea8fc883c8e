package io.capstan.plugins.store.mvcc;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.store.Store;
import java.time.Duration;

/**
 * The engine's settings, filled in by each plugin from its own config record.
 *
 * @param name the store's name in thread names and logs ({@code memory}, {@code rocksdb})
 * @param maxValueBytes the largest value a put may carry, at least {@link Store#MIN_MAX_VALUE_BYTES}
 * @param progressNotifyInterval how often watches that asked for progress get a bookmark while idle
 * @param autoCompaction automatic compaction
 * @param requestTimeout how long a write waits for its commit before it is reported indeterminate
 */
public record MvccOptions(
    String name,
    int maxValueBytes,
    Duration progressNotifyInterval,
    AutoCompactionConfig autoCompaction,
    Duration requestTimeout) {

  /** Transactions in one group commit at most; bounds the size of one write and its latency. */
  static final int MAX_BATCH_COMMANDS = 10_000;

  /** Value bytes in one group commit at most, to keep a synced batch within a few milliseconds. */
  static final long MAX_BATCH_BYTES = 64L << 20;

  public MvccOptions {
    requireNonNull(name, "name");
    requireNonNull(progressNotifyInterval, "progressNotifyInterval");
    requireNonNull(autoCompaction, "autoCompaction");
    requireNonNull(requestTimeout, "requestTimeout");
    if (maxValueBytes < Store.MIN_MAX_VALUE_BYTES) {
      throw new IllegalArgumentException("maxValueBytes " + maxValueBytes + " is below the SPI's"
          + " minimum " + Store.MIN_MAX_VALUE_BYTES);
    }
    if (progressNotifyInterval.isNegative() || progressNotifyInterval.isZero()
        || requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("intervals must be positive");
    }
  }

  /** Defaults for tests: 2 MiB values, progress every second, no auto-compaction, 30 s timeout. */
  public static MvccOptions forTests(String name) {
    return new MvccOptions(name, 2 << 20, Duration.ofSeconds(1), AutoCompactionConfig.disabled(),
        Duration.ofSeconds(30));
  }
}
