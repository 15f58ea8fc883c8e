package io.capstan.plugins.controllers.disruption;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerFactory;
import io.capstan.spi.plugin.NoConfig;

/** Registers {@link DisruptionController} as {@code disruption} (kube-controller-manager's name). */
public final class DisruptionControllerFactory implements ControllerFactory<NoConfig> {

  @Override
  public String name() {
    return DisruptionController.NAME;
  }

  @Override
  public String description() {
    return "PodDisruptionBudget status (currentHealthy, desiredHealthy, disruptionsAllowed, expectedPods) for the eviction subresource";
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
        bind(Controller.class).to(DisruptionController.class);
      }
    };
  }
}
