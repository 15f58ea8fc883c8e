package io.capstan.plugins.controllers.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerFactory;
import io.capstan.spi.controller.ControllerNames;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code nodelifecycle} plugin built the way the kernel builds it, from a settings map. */
class NodeLifecyclePluginTest extends AbstractPluginTest<NodeLifecycleConfig> {

  @Override
  protected PluginFactory<NodeLifecycleConfig> factory() {
    return new NodeLifecycleFactory();
  }

  @Override
  @SuppressWarnings("rawtypes")
  protected Class<? extends PluginFactory> spiFactoryType() {
    return ControllerFactory.class;
  }

  @Override
  protected List<Class<?>> serviceTypes() {
    return List.of(Controller.class);
  }

  @Override
  protected Map<String, Object> settings() {
    return Map.of("gracePeriod", "50s", "defaultTolerationSeconds", "60", "evictionQps", "2", "workers", "2");
  }

  @Test
  void settingsMapOntoEveryField() {
    NodeLifecycleConfig c = bindSettings(settings());
    assertThat(c.gracePeriod()).isEqualTo(Duration.ofSeconds(50));
    assertThat(c.defaultTolerationSeconds()).isEqualTo(60L);
    assertThat(c.evictionQps()).isEqualTo(2.0);
    assertThat(c.workers()).isEqualTo(2);
  }

  @Test
  void defaultsAreKubernetes() {
    assertThat(bindSettings(Map.of())).isEqualTo(NodeLifecycleConfig.defaults());
    assertThat(NodeLifecycleConfig.defaults().gracePeriod()).isEqualTo(Duration.ofSeconds(40));
    assertThat(NodeLifecycleConfig.defaults().defaultTolerationSeconds()).isEqualTo(300L);
    assertThat(NodeLifecycleConfig.defaults().evictionQps()).isEqualTo(0.1);
    assertThat(new NodeLifecycleFactory().name()).isEqualTo(ControllerNames.NODE_LIFECYCLE);
  }

  @Test
  void badSettingsSayWhatToWrite() {
    assertThatThrownBy(() -> bindSettings(Map.of("evictionQps", "0"))).hasMessageContaining("positive rate");
    assertThatThrownBy(() -> bindSettings(Map.of("gracePeriod", "0s"))).hasMessageContaining("positive duration");
  }
}
