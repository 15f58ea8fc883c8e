package io.capstan.plugins.node.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.runtime.clock.DeterministicExecutor;
import io.capstan.runtime.clock.VirtualClock;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.node.ContainerRuntime;
import io.capstan.spi.node.ContainerRuntimeFactory;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code simulated} plugin built the way the kernel builds it, from a settings map. */
class SimulatedRuntimePluginTest extends AbstractPluginTest<SimulatedRuntimeConfig> {

  @Override
  protected PluginFactory<SimulatedRuntimeConfig> factory() {
    return new SimulatedRuntimeFactory();
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
    DeterministicExecutor executor = new DeterministicExecutor(new VirtualClock(Instant.EPOCH), 1);
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(Clock.class).toInstance(executor.clock());
        bind(TaskExecutor.class).toInstance(executor);
      }
    };
  }

  @Override
  protected Map<String, Object> settings() {
    return Map.ofEntries(Map.entry("startupLatency", "250ms"), Map.entry("duration", "30s"),
        Map.entry("initDuration", "2s"), Map.entry("exitCode", "2"), Map.entry("failProbability", "0.5"),
        Map.entry("failAfter", "3s"), Map.entry("terminationDelay", "1s"), Map.entry("logLines", "5"),
        Map.entry("readiness", "succeed-after=5s"), Map.entry("liveness", "fail-after=1m"), Map.entry("startup", "fail"),
        Map.entry("seed", "42"), Map.entry("cpuUsage", "250m"), Map.entry("memoryUsage", "64Mi"));
  }

  @Test
  void settingsMapOntoEveryField() {
    SimulatedRuntimeConfig c = bindSettings(settings());
    assertThat(c.startupLatency()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.duration()).isEqualTo("30s");
    assertThat(c.initDuration()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.exitCode()).isEqualTo(2);
    assertThat(c.failProbability()).isEqualTo(0.5);
    assertThat(c.failAfter()).isEqualTo(Duration.ofSeconds(3));
    assertThat(c.terminationDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.logLines()).isEqualTo(5);
    assertThat(c.readiness()).isEqualTo("succeed-after=5s");
    assertThat(c.liveness()).isEqualTo("fail-after=1m");
    assertThat(c.startup()).isEqualTo("fail");
    assertThat(c.seed()).isEqualTo(42L);
    assertThat(c.cpuUsage()).isEqualTo("250m");
    assertThat(c.memoryUsage()).isEqualTo("64Mi");
  }

  @Test
  void emptySettingsGiveTheDefaults() {
    SimulatedRuntimeConfig c = bindSettings(Map.of());
    assertThat(c).isEqualTo(SimulatedRuntimeConfig.defaults());
    assertThat(c.duration()).isEqualTo("forever");
    assertThat(c.startupLatency()).isZero();
    assertThat(c.readiness()).isEqualTo("success");
  }

  @Test
  void badSettingsSayWhatToWrite() {
    assertThatThrownBy(() -> bindSettings(Map.of("failProbability", "2"))).hasMessageContaining("from 0 to 1");
    assertThatThrownBy(() -> bindSettings(Map.of("readiness", "sometimes"))).hasMessageContaining("fail-after=");
    assertThatThrownBy(() -> bindSettings(Map.of("duration", "soon"))).hasMessageContaining("forever");
    assertThatThrownBy(() -> bindSettings(Map.of("memoryUsage", "lots"))).hasMessageContaining("128Mi");
  }
}
