package io.capstan.plugins.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.spi.store.Store;
import io.capstan.spi.store.StoreFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The {@code memory} plugin built the way the kernel builds it, from a settings map. */
class MemoryStorePluginTest extends AbstractPluginTest<MemoryStoreConfig> {

  private final PooledTaskExecutor executor = new PooledTaskExecutor(2, Duration.ofSeconds(1));

  @AfterEach
  void stopExecutor() throws InterruptedException {
    executor.close();
  }

  @Override
  protected PluginFactory<MemoryStoreConfig> factory() {
    return new MemoryStoreFactory();
  }

  @Override
  @SuppressWarnings("rawtypes")
  protected Class<? extends PluginFactory> spiFactoryType() {
    return StoreFactory.class;
  }

  @Override
  protected List<Class<?>> serviceTypes() {
    return List.of(Store.class);
  }

  @Override
  protected Map<String, Object> settings() {
    return Map.of(
        "maxValueBytes", 4 << 20,
        "progressNotifyInterval", "250ms",
        "requestTimeout", "5s",
        "autoCompaction", Map.of("mode", "revision", "retention", "500", "interval", "1m"));
  }

  @Override
  protected Module hostModule() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(Clock.class).toInstance(new WallClock());
        bind(TaskExecutor.class).toInstance(executor);
      }
    };
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
