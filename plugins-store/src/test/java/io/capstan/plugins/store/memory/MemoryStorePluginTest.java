package io.capstan.plugins.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.plugins.store.AbstractStorePluginTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code memory} plugin built the way the kernel builds it, from a settings map. */
class MemoryStorePluginTest extends AbstractStorePluginTest<MemoryStoreConfig> {


  @Override
  protected PluginFactory<MemoryStoreConfig> factory() {
    return new MemoryStoreFactory();
  }

  @Override
  protected Map<String, Object> settings() {
    return Map.of(
        "maxValueBytes", 4 << 20,
        "progressNotifyInterval", "250ms",
        "requestTimeout", "5s",
        "autoCompaction", Map.of("mode", "revision", "retention", "500", "interval", "1m"));
  }

  @Test
  void settingsMapOntoEveryField() {
    MemoryStoreConfig config = bindSettings(settings());
    assertThat(config.maxValueBytes()).isEqualTo(4 << 20);
    assertThat(config.progressNotifyInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.autoCompaction().retentionRevisions()).isEqualTo(500);
    assertThat(config.autoCompaction().interval()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void emptySettingsGiveTheDefaults() {
    assertThat(bindSettings(Map.of())).isEqualTo(MemoryStoreConfig.defaults());
    assertThat(MemoryStoreConfig.defaults().maxValueBytes()).isEqualTo(2 << 20);
    assertThat(MemoryStoreConfig.defaults().progressNotifyInterval())
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void theStoreIsNotDurable() throws Exception {
    MemoryStore store = new MemoryStore(MemoryStoreConfig.defaults(), new WallClock(), executor);
    store.start();
    try {
      assertThat(store.isDurable()).isFalse();
    } finally {
      store.close();
    }
  }
}
