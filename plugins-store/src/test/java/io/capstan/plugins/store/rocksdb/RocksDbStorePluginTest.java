package io.capstan.plugins.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.plugin.InvalidConfigException;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.plugins.store.AbstractStorePluginTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code rocksdb} plugin built the way the kernel builds it, from a settings map. */
class RocksDbStorePluginTest extends AbstractStorePluginTest<RocksDbStoreConfig> {


  @TempDir
  Path dir;

  @Override
  protected PluginFactory<RocksDbStoreConfig> factory() {
    return new RocksDbStoreFactory();
  }

  @Override
  protected Map<String, Object> settings() {
    return Map.of(
        "dataDir", dir.resolve("db").toString(),
        "syncMode", "none",
        "blockCacheSize", "8Mi",
        "compression", "zstd",
        "maxValueBytes", 3 << 20,
        "progressNotifyInterval", "2s",
        "requestTimeout", "10s",
        "commitSpin", "250us",
        "autoCompaction", Map.of("mode", "periodic", "retention", "1h"));
  }

  @Test
  void settingsMapOntoEveryField() {
    RocksDbStoreConfig config = bindSettings(settings());
    assertThat(config.dataPath()).isEqualTo(dir.resolve("db").toAbsolutePath());
    assertThat(config.syncMode()).isEqualTo(RocksDbStoreConfig.SyncMode.NONE);
    assertThat(config.blockCacheBytes()).isEqualTo(8L << 20);
    assertThat(config.compression()).isEqualTo(RocksDbStoreConfig.Compression.ZSTD);
    assertThat(config.maxValueBytes()).isEqualTo(3 << 20);
    assertThat(config.progressNotifyInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.commitSpin()).isEqualTo(Duration.ofNanos(250_000));
    assertThat(config.autoCompaction().retentionPeriod()).isEqualTo(Duration.ofHours(1));
    assertThat(config.autoCompaction().interval()).as("a tenth of the retention")
        .isEqualTo(Duration.ofMinutes(6));
  }

  @Test
  void emptySettingsGiveTheDefaults() {
    RocksDbStoreConfig defaults = bindSettings(Map.of());
    assertThat(defaults).isEqualTo(RocksDbStoreConfig.defaults());
    assertThat(defaults.dataDir()).isEqualTo("data/store");
    assertThat(defaults.syncMode()).isEqualTo(RocksDbStoreConfig.SyncMode.SYNC);
    assertThat(defaults.blockCacheBytes()).isEqualTo(64L << 20);
    assertThat(defaults.compression()).isEqualTo(RocksDbStoreConfig.Compression.LZ4);
    assertThat(defaults.maxValueBytes()).isEqualTo(2 << 20);
    assertThat(defaults.commitSpin()).isEqualTo(Duration.ofMillis(1));
    assertThat(bindSettings(Map.of("commitSpin", "0")).commitSpin()).as("0 turns it off")
        .isZero();
  }

  @Test
  void badValuesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> bindSettings(Map.of("blockCacheSize", "lots")))
        .hasRootCauseInstanceOf(InvalidConfigException.class).hasMessageContaining("64Mi");
    assertThatThrownBy(() -> bindSettings(Map.of("syncMode", "fsync")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sync");
    assertThatThrownBy(() -> bindSettings(Map.of("maxValueBytes", 1024)))
        .hasRootCauseInstanceOf(InvalidConfigException.class);
    assertThatThrownBy(() -> bindSettings(Map.of("commitSpin", "PT-0.001S")))
        .hasRootCauseInstanceOf(InvalidConfigException.class).rootCause()
        .satisfies(e -> assertThat(((InvalidConfigException) e).field()).isEqualTo("commitSpin"))
        .hasMessageContaining("must not be negative");
  }

  @Test
  void durableOnlyWhenSyncing() {
    for (RocksDbStoreConfig.SyncMode mode : RocksDbStoreConfig.SyncMode.values()) {
      RocksDbStoreConfig config = new RocksDbStoreConfig(dir.resolve(mode.name()).toString(), mode,
          null, null, null, null, null, null, null);
      RocksDbStore store = new RocksDbStore(config, new WallClock(), executor);
      store.start();
      try {
        assertThat(store.isDurable()).isEqualTo(mode == RocksDbStoreConfig.SyncMode.SYNC);
      } finally {
        store.close();
      }
    }
  }
}
