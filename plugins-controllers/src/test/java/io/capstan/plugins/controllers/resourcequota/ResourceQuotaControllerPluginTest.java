package io.capstan.plugins.controllers.resourcequota;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerFactory;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import java.util.List;

/** The kit's checks: name, registration, (no) settings, wiring of the controller. */
class ResourceQuotaControllerPluginTest extends AbstractPluginTest<NoConfig> {

  @Override
  protected PluginFactory<NoConfig> factory() {
    return new ResourceQuotaControllerFactory();
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
  protected Module hostModule() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(KindRegistry.class).toInstance(KindRegistry.builtIn());
      }
    };
  }
}
