package io.capstan.plugins.store.memory;

import io.capstan.plugins.store.mvcc.AutoCompactionConfig;
import io.capstan.plugins.store.mvcc.MvccOptions;
import io.capstan.spi.store.Store;
import java.time.Duration;

/**
 * Configuration of the {@code memory} store, bound from {@code store.memory.*}. A null component
 * (key absent) means the default.
 *
 * @param maxValueBytes the largest value a put may carry; default 2 MiB ({@code 2097152}), at least
 *     {@link Store#MIN_MAX_VALUE_BYTES}
 * @param progressNotifyInterval how often an idle watch that asked for progress gets a bookmark;
 *     default {@code 1s} (etcd uses 10 minutes, too slow for tests and for informers that want to
 *     resume close to now)
 * @param autoCompaction automatic compaction; default periodic, 10 minutes of history
 * @param requestTimeout how long a write may wait for its commit before it is reported
 *     indeterminate; default {@code 30s}
 */
public record MemoryStoreConfig(
    Integer maxValueBytes,
    Duration progressNotifyInterval,
    AutoCompactionConfig autoCompaction,
    Duration requestTimeout) {

  public MemoryStoreConfig {
    maxValueBytes = MvccOptions.maxValueBytesOrDefault(maxValueBytes);
    progressNotifyInterval = MvccOptions.positiveOrDefault("progressNotifyInterval",
        progressNotifyInterval, MvccOptions.DEFAULT_PROGRESS_NOTIFY_INTERVAL);
    requestTimeout = MvccOptions.positiveOrDefault("requestTimeout", requestTimeout,
        MvccOptions.DEFAULT_REQUEST_TIMEOUT);
    if (autoCompaction == null) {
      autoCompaction = AutoCompactionConfig.defaults();
    }
  }

  /** Every setting at its default. */
  public static MemoryStoreConfig defaults() {
    return new MemoryStoreConfig(null, null, null, null);
  }

  /** The engine options these settings mean. */
  public MvccOptions toOptions() {
    return new MvccOptions(MemoryStoreFactory.NAME, maxValueBytes, progressNotifyInterval,
        autoCompaction, requestTimeout, Duration.ZERO); // commits inline: no one waits
  }
}
