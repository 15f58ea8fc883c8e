package io.capstan.plugins.controllers.endpointslice;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerFactory;

/** Registers {@link EndpointSliceController} as {@code endpointslice}. */
public final class EndpointSliceControllerFactory implements ControllerFactory<EndpointSliceConfig> {

  @Override
  public String name() {
    return EndpointSliceController.NAME;
  }

  @Override
  public String description() {
    return "EndpointSlices (discovery.k8s.io/v1) of every selector Service: at most 100 endpoints per slice, "
        + "ready/serving/terminating conditions";
  }

  @Override
  public Class<EndpointSliceConfig> configType() {
    return EndpointSliceConfig.class;
  }

  @Override
  public Module module(EndpointSliceConfig config) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(EndpointSliceConfig.class).toInstance(config);
        bind(Controller.class).to(EndpointSliceController.class);
      }
    };
  }
}
