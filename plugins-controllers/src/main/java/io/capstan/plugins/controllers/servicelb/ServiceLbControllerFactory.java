package io.capstan.plugins.controllers.servicelb;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Scopes;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerFactory;

/** Registers {@link ServiceLbController} as {@code service-lb}. */
public final class ServiceLbControllerFactory implements ControllerFactory<ServiceLbConfig> {

  @Override
  public String name() {
    return ServiceLbController.NAME;
  }

  @Override
  public String description() {
    return "MetalLB-style LoadBalancer addresses from configured pools into status.loadBalancer.ingress";
  }

  @Override
  public Class<ServiceLbConfig> configType() {
    return ServiceLbConfig.class;
  }

  @Override
  public Module module(ServiceLbConfig config) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(ServiceLbConfig.class).toInstance(config);
        bind(Controller.class).to(ServiceLbController.class).in(Scopes.SINGLETON);
      }
    };
  }
}
