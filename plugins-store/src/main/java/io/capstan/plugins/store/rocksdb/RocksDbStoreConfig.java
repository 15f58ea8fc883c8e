package io.capstan.plugins.store.rocksdb;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.capstan.plugins.store.mvcc.AutoCompactionConfig;
import io.capstan.plugins.store.mvcc.MvccOptions;
import io.capstan.spi.api.Quantities;
import io.capstan.spi.plugin.InvalidConfigException;
import java.nio.file.Path;
import java.time.Duration;
import org.rocksdb.CompressionType;

/**
 * Configuration of the {@code rocksdb} store, bound from {@code store.rocksdb.*}. A null component
 * (key absent) means the default.
 *
 * @param dataDir the RocksDB directory; default {@code data/store}, relative to the working
 *     directory of the process (so {@code capstan up} run from a project keeps its data there)
 * @param syncMode {@code sync} (default): every group commit is one synced write-ahead-log write,
 *     so acknowledged writes survive a power loss. {@code none}: no sync; acknowledged writes still
 *     survive a process crash ({@code kill -9}: the log is in the OS page cache), but the last
 *     moments of writes can be lost on power loss or a kernel crash, and the store then reports
 *     {@code isDurable() == false}
 * @param blockCacheSize RocksDB's block cache, a Kubernetes quantity ({@code 64Mi}, default) or a
 *     number of bytes; the engine serves reads from memory, so the cache mostly helps recovery
 * @param compression how RocksDB compresses its files: {@code lz4} (default: cheap), {@code zstd}
 *     (smaller, more CPU), {@code snappy} or {@code none}
 * @param autoCompaction automatic compaction of history; default periodic, 10 minutes
 * @param maxValueBytes the largest value a put may carry; default 2 MiB
 * @param progressNotifyInterval how often an idle watch that asked for progress gets a bookmark;
 *     default {@code 1s}
 * @param requestTimeout how long a write may wait for its commit before it is reported
 *     indeterminate; default {@code 30s}
 * @param commitSpin how long a writer yields the CPU while waiting for its group commit before it
 *     parks; default {@code 1ms}, {@code 0} parks at once. Saves each commit a chain of thread
 *     wake-ups when many writers wait on a fast disk; skipped while a sync takes more than half
 *     of it
 */
public record RocksDbStoreConfig(
    String dataDir,
    SyncMode syncMode,
    String blockCacheSize,
    Compression compression,
    AutoCompactionConfig autoCompaction,
    Integer maxValueBytes,
    Duration progressNotifyInterval,
    Duration requestTimeout,
    Duration commitSpin) {

  /** Whether a commit waits for the disk. */
  public enum SyncMode {
    @JsonProperty("sync") SYNC,
    @JsonProperty("none") NONE
  }

  /** RocksDB's file compression. */
  public enum Compression {
    @JsonProperty("none") NONE(CompressionType.NO_COMPRESSION),
    @JsonProperty("lz4") LZ4(CompressionType.LZ4_COMPRESSION),
    @JsonProperty("zstd") ZSTD(CompressionType.ZSTD_COMPRESSION),
    @JsonProperty("snappy") SNAPPY(CompressionType.SNAPPY_COMPRESSION);

    final CompressionType type;

    Compression(CompressionType type) {
      this.type = type;
    }
  }

  public static final String DEFAULT_DATA_DIR = "data/store";
  public static final String DEFAULT_BLOCK_CACHE_SIZE = "64Mi";

  public RocksDbStoreConfig {
    if (dataDir == null || dataDir.isBlank()) {
      dataDir = DEFAULT_DATA_DIR;
    }
    if (syncMode == null) {
      syncMode = SyncMode.SYNC;
    }
    if (blockCacheSize == null || blockCacheSize.isBlank()) {
      blockCacheSize = DEFAULT_BLOCK_CACHE_SIZE;
    }
    parseBytes(blockCacheSize);
    if (compression == null) {
      compression = Compression.LZ4;
    }
    if (autoCompaction == null) {
      autoCompaction = AutoCompactionConfig.defaults();
    }
    maxValueBytes = MvccOptions.maxValueBytesOrDefault(maxValueBytes);
    progressNotifyInterval = MvccOptions.positiveOrDefault("progressNotifyInterval",
        progressNotifyInterval, MvccOptions.DEFAULT_PROGRESS_NOTIFY_INTERVAL);
    requestTimeout = MvccOptions.positiveOrDefault("requestTimeout", requestTimeout,
        MvccOptions.DEFAULT_REQUEST_TIMEOUT);
    commitSpin = MvccOptions.notNegativeOrDefault("commitSpin", commitSpin,
        MvccOptions.DEFAULT_COMMIT_SPIN);
  }

  /** Every setting at its default. */
  public static RocksDbStoreConfig defaults() {
    return new RocksDbStoreConfig(null, null, null, null, null, null, null, null, null);
  }

  /** The defaults with another data directory; handy in tests. */
  public static RocksDbStoreConfig at(Path dataDir) {
    return new RocksDbStoreConfig(dataDir.toString(), null, null, null, null, null, null, null,
        null);
  }

  /** The data directory as a path, resolved against the working directory when relative. */
  @JsonIgnore
  public Path dataPath() {
    return Path.of(dataDir).toAbsolutePath();
  }

  /** The block cache size in bytes. */
  @JsonIgnore
  public long blockCacheBytes() {
    return parseBytes(blockCacheSize);
  }

  /** The engine options these settings mean. */
  public MvccOptions toOptions() {
    return new MvccOptions(RocksDbStoreFactory.NAME, maxValueBytes, progressNotifyInterval,
        autoCompaction, requestTimeout, commitSpin);
  }

  private static long parseBytes(String text) {
    long bytes;
    try {
      bytes = Quantities.parse(text.trim()).value();
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException("blockCacheSize", "'" + text + "' is not a size; write a"
          + " quantity such as 64Mi or 1Gi, or a number of bytes");
    }
    if (bytes < 0) {
      throw new InvalidConfigException("blockCacheSize", "must not be negative, was " + text);
    }
    return bytes;
  }
}
