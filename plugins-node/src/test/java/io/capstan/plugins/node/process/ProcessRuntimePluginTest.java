package io.capstan.plugins.node.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Module;
import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.node.ContainerRuntime;
import io.capstan.spi.node.ContainerRuntimeFactory;
import io.capstan.spi.plugin.InvalidConfigException;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code process} plugin built the way the kernel builds it, from a settings map. */
class ProcessRuntimePluginTest extends AbstractPluginTest<ProcessRuntimeConfig> {

  private static final PooledTaskExecutor EXECUTOR = new PooledTaskExecutor(1, Duration.ofSeconds(1));

  @TempDir
  Path dir;

  @AfterAll
  static void closeExecutor() throws InterruptedException {
    EXECUTOR.close();
  }

  @Override
  protected PluginFactory<ProcessRuntimeConfig> factory() {
    return new ProcessRuntimeFactory();
  }

  @Override
  @SuppressWarnings("rawtypes")
  protected Class<? extends PluginFactory> spiFactoryType() {
    return ContainerRuntimeFactory.class;
  }

  @Override
  protected List<Class<?>> serviceTypes() {
    return List.of(ContainerRuntime.class);
  }

  @Override
  protected Module hostModule() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(Clock.class).toInstance(new WallClock());
        bind(TaskExecutor.class).toInstance(EXECUTOR);
      }
    };
  }

  @Override
  protected Map<String, Object> settings() {
    return Map.of("dataDir", dir.resolve("proc").toString(), "hostAddress", "127.0.0.1",
        "maxLogBytes", "2Mi", "maxLogFiles", 3, "logFlushInterval", "50ms", "closeGracePeriod", "1s");
  }

  @Test
  void settingsMapOntoEveryField() {
    ProcessRuntimeConfig config = bindSettings(settings());
    assertThat(config.dataPath()).isEqualTo(dir.resolve("proc").toAbsolutePath());
    assertThat(config.hostAddress()).isEqualTo("127.0.0.1");
    assertThat(config.maxLogByteCount()).isEqualTo(2L << 20);
    assertThat(config.maxLogFiles()).isEqualTo(3);
    assertThat(config.logFlushInterval()).isEqualTo(Duration.ofMillis(50));
    assertThat(config.closeGracePeriod()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void emptySettingsGiveTheKubeletsDefaults() {
    ProcessRuntimeConfig defaults = bindSettings(Map.of());
    assertThat(defaults).isEqualTo(ProcessRuntimeConfig.defaults());
    assertThat(defaults.dataDir()).isEqualTo("data/process");
    assertThat(defaults.hostAddress()).isEqualTo("127.0.0.1");
    assertThat(defaults.maxLogByteCount()).as("containerLogMaxSize").isEqualTo(10L << 20);
    assertThat(defaults.maxLogFiles()).as("containerLogMaxFiles").isEqualTo(5);
  }

  @Test
  void badValuesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> bindSettings(Map.of("maxLogBytes", "lots")))
        .hasRootCauseInstanceOf(InvalidConfigException.class).hasMessageContaining("10Mi");
    assertThatThrownBy(() -> bindSettings(Map.of("maxLogFiles", 1)))
        .hasRootCauseInstanceOf(InvalidConfigException.class).hasMessageContaining("at least 2");
    assertThatThrownBy(() -> bindSettings(Map.of("hostAddress", "my-laptop")))
        .hasRootCauseInstanceOf(InvalidConfigException.class).hasMessageContaining("not an IP address");
    assertThatThrownBy(() -> bindSettings(Map.of("logFlushInterval", "0s")))
        .hasRootCauseInstanceOf(InvalidConfigException.class).hasMessageContaining("positive");
  }

  @Test
  void theModuleGivesAFreshRuntimePerRequestAsTheNodeHostNeeds() throws Exception {
    var injector = Guice.createInjector(hostModule(), factory().module(bindSettings(settings())));
    ContainerRuntime a = injector.getInstance(ContainerRuntime.class);
    ContainerRuntime b = injector.getInstance(ContainerRuntime.class);
    assertThat(a).isNotSameAs(b);
    a.start();
    b.start();
    try {
      assertThat(((ProcessRuntime) a).slot()).isNotEqualTo(((ProcessRuntime) b).slot());
      assertThat(a.version().toString()).isEqualTo("process://0.1.0");
      assertThat(a.capabilities().realProcesses()).isTrue();
      assertThat(a.capabilities().followLogs()).isTrue();
    } finally {
      a.close();
      b.close();
    }
  }
}
