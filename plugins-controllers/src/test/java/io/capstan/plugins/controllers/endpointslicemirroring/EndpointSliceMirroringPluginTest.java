package io.capstan.plugins.controllers.endpointslicemirroring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerFactory;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code endpointslicemirroring} plugin built the way the kernel builds it, from a settings map. */
class EndpointSliceMirroringPluginTest extends AbstractPluginTest<EndpointSliceMirroringConfig> {

  @Override
  protected PluginFactory<EndpointSliceMirroringConfig> factory() {
    return new EndpointSliceMirroringFactory();
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
    return Map.of("maxEndpointsPerSubset", "50", "workers", "2");
  }

  @Test
  void settingsMapOntoEveryFieldAndDefaultsAreKubernetes() {
    EndpointSliceMirroringConfig c = bindSettings(settings());
    assertThat(c.maxEndpointsPerSubset()).isEqualTo(50);
    assertThat(c.workers()).isEqualTo(2);
    assertThat(bindSettings(Map.of())).isEqualTo(EndpointSliceMirroringConfig.defaults());
    assertThat(EndpointSliceMirroringConfig.defaults().maxEndpointsPerSubset()).isEqualTo(1000);
    assertThat(factory().name()).isEqualTo("endpointslicemirroring");
    assertThatThrownBy(() -> bindSettings(Map.of("maxEndpointsPerSubset", "0"))).hasMessageContaining("1 to 1000");
  }
}
