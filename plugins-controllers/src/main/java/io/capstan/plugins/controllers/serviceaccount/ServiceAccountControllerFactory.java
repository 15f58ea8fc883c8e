package io.capstan.plugins.controllers.serviceaccount;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerFactory;
import io.capstan.spi.controller.ControllerNames;
import io.capstan.spi.plugin.NoConfig;

/** Registers {@link ServiceAccountController} as {@code serviceaccount}. */
public final class ServiceAccountControllerFactory implements ControllerFactory<NoConfig> {

  @Override
  public String name() {
    return ControllerNames.SERVICEACCOUNT;
  }

  @Override
  public String description() {
    return "a default ServiceAccount in every namespace";
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
        bind(Controller.class).to(ServiceAccountController.class);
      }
    };
  }
}
