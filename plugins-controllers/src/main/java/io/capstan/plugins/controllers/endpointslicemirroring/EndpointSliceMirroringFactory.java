package io.capstan.plugins.controllers.endpointslicemirroring;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerFactory;

/** Registers {@link EndpointSliceMirroringController} as {@code endpointslicemirroring}. */
public final class EndpointSliceMirroringFactory implements ControllerFactory<EndpointSliceMirroringConfig> {

  @Override
  public String name() {
    return EndpointSliceMirroringController.NAME;
  }

  @Override
  public String description() {
    return "EndpointSlices mirrored from the Endpoints a user writes for a Service without a selector";
  }

  @Override
  public Class<EndpointSliceMirroringConfig> configType() {
    return EndpointSliceMirroringConfig.class;
  }

  @Override
  public Module module(EndpointSliceMirroringConfig config) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(EndpointSliceMirroringConfig.class).toInstance(config);
        bind(Controller.class).to(EndpointSliceMirroringController.class);
      }
    };
  }
}
