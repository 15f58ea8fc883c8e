package io.capstan.plugins.store.mvcc;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.plugin.InvalidConfigException;
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
 * @param commitSpin how long a writer yields the CPU waiting for its group commit before it parks
 *     (see {@link CommitWait}); zero parks at once. Only stores with a sync thread wait at all
 */
public record MvccOptions(
    String name,
    int maxValueBytes,
    Duration progressNotifyInterval,
    AutoCompactionConfig autoCompaction,
    Duration requestTimeout,
    Duration commitSpin) {

  /** Transactions in one group commit at most; bounds the size of one write and its latency. */
  static final int MAX_BATCH_COMMANDS = 10_000;

  /** Value bytes in one group commit at most, to keep a synced batch within a few milliseconds. */
  static final long MAX_BATCH_BYTES = 64L << 20;

  public MvccOptions {
    requireNonNull(name, "name");
    requireNonNull(progressNotifyInterval, "progressNotifyInterval");
    requireNonNull(autoCompaction, "autoCompaction");
    requireNonNull(requestTimeout, "requestTimeout");
    requireNonNull(commitSpin, "commitSpin");
    if (maxValueBytes < Store.MIN_MAX_VALUE_BYTES) {
      throw new IllegalArgumentException("maxValueBytes " + maxValueBytes + " is below the SPI's"
          + " minimum " + Store.MIN_MAX_VALUE_BYTES);
    }
    if (progressNotifyInterval.isNegative() || progressNotifyInterval.isZero()
        || requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("intervals must be positive");
    }
    if (commitSpin.isNegative()) {
      throw new IllegalArgumentException("commitSpin must not be negative");
    }
  }

  /** The default {@code maxValueBytes} of both embedded stores: 2 MiB. */
  public static final int DEFAULT_MAX_VALUE_BYTES = 2 << 20;

  /** The default progress interval: 1 s (etcd's 10 minutes is too slow for tests and informers). */
  public static final Duration DEFAULT_PROGRESS_NOTIFY_INTERVAL = Duration.ofSeconds(1);

  /** The default write timeout: 30 s. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** The default commit spin: 1 ms, so writers spin while a sync takes up to 0.5 ms. */
  public static final Duration DEFAULT_COMMIT_SPIN = Duration.ofMillis(1);

  /** For config records: {@code value}, or the default when null; refuses a too-small limit. */
  public static int maxValueBytesOrDefault(Integer value) {
    int bytes = value == null ? DEFAULT_MAX_VALUE_BYTES : value;
    if (bytes < Store.MIN_MAX_VALUE_BYTES) {
      throw new InvalidConfigException("maxValueBytes", "must be at least "
          + Store.MIN_MAX_VALUE_BYTES + " (what every store must accept), was " + bytes);
    }
    return bytes;
  }

  /** For config records: {@code value}, or {@code fallback} when null; refuses zero or negative. */
  public static Duration positiveOrDefault(String field, Duration value, Duration fallback) {
    if (value == null) {
      return fallback;
    }
    if (value.isNegative() || value.isZero()) {
      throw new InvalidConfigException(field, "must be positive, was " + value
          + "; remove the key for the default");
    }
    return value;
  }

  /**
   * For config records: {@code value}, or {@code fallback} when null; refuses a negative one (zero
   * is allowed: it turns the feature off).
   */
  public static Duration notNegativeOrDefault(String field, Duration value, Duration fallback) {
    if (value == null) {
      return fallback;
    }
    if (value.isNegative()) {
      throw new InvalidConfigException(field, "must not be negative, was " + value
          + "; write 0 to turn it off or remove the key for the default");
    }
    return value;
  }

  /**
   * Defaults for tests: 2 MiB values, progress every second, no auto-compaction, 30 s timeout, the
   * default commit spin.
   */
  public static MvccOptions forTests(String name) {
    return new MvccOptions(name, 2 << 20, Duration.ofSeconds(1), AutoCompactionConfig.disabled(),
        Duration.ofSeconds(30), DEFAULT_COMMIT_SPIN);
  }
}
