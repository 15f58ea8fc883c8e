package io.capstan.plugins.controllers.endpointslice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerFactory;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code endpointslice} plugin built the way the kernel builds it, from a settings map. */
class EndpointSlicePluginTest extends AbstractPluginTest<EndpointSliceConfig> {

  @Override
  protected PluginFactory<EndpointSliceConfig> factory() {
    return new EndpointSliceControllerFactory();
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
    return Map.of("maxEndpointsPerSlice", "50", "workers", "3");
  }

  @Test
  void settingsMapOntoEveryFieldAndDefaultsAreKubernetes() {
    EndpointSliceConfig c = bindSettings(settings());
    assertThat(c.maxEndpointsPerSlice()).isEqualTo(50);
    assertThat(c.workers()).isEqualTo(3);
    assertThat(bindSettings(Map.of())).isEqualTo(EndpointSliceConfig.defaults());
    assertThat(EndpointSliceConfig.defaults().maxEndpointsPerSlice()).isEqualTo(100);
    assertThat(factory().name()).isEqualTo("endpointslice");
    assertThatThrownBy(() -> bindSettings(Map.of("maxEndpointsPerSlice", "1001"))).hasMessageContaining("1 to 1000");
  }
}
