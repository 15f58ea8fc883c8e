package io.capstan.plugins.controllers.endpoints;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerFactory;
import io.capstan.spi.controller.ControllerNames;
import io.capstan.spi.plugin.NoConfig;

/** Registers {@link EndpointsController} as {@code endpoints}. */
public final class EndpointsControllerFactory implements ControllerFactory<NoConfig> {

  @Override
  public String name() {
    return ControllerNames.ENDPOINT;
  }

  @Override
  public String description() {
    return "Endpoints of every selector Service from its ready and not-ready pods";
  }

  @Override
  public Class<NoConfig> configType() {
    return NoConfig.class;
  }

  @Override
  public Module module(NoConfig config) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(Controller.class).to(EndpointsController.class);
      }
    };
  }
}
