package io.capstan.plugins.controllers.disruption;

import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerFactory;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import java.util.List;

class DisruptionPluginTest extends AbstractPluginTest<NoConfig> {

  @Override
  protected PluginFactory<NoConfig> factory() {
    return new DisruptionControllerFactory();
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
}
