package io.capstan.plugins.controllers.servicelb;

import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerFactory;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import java.util.List;
import java.util.Map;

/** The kit's checks: name, registration, settings, wiring of the controller. */
class ServiceLbPluginTest extends AbstractPluginTest<ServiceLbConfig> {

  @Override
  protected PluginFactory<ServiceLbConfig> factory() {
    return new ServiceLbControllerFactory();
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
    return Map.of("pools", List.of("192.168.200.0/28", "192.168.201.10-192.168.201.20"),
        "loadBalancerClass", "capstan.io/service-lb", "retryPeriod", "10s");
  }
}
