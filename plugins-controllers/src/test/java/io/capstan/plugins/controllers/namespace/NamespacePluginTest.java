package io.capstan.plugins.controllers.namespace;

import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerFactory;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import java.util.List;

class NamespacePluginTest extends AbstractPluginTest<NoConfig> {

  @Override
  protected com.google.inject.Module hostModule() {
    return binder -> binder.bind(io.capstan.spi.api.KindRegistry.class).toInstance(io.capstan.spi.api.KindRegistry.builtIn());
  }

  @Override
  protected PluginFactory<NoConfig> factory() {
    return new NamespaceControllerFactory();
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
