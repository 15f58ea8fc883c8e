package io.capstan.plugins.controllers.deployment;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerFactory;

/** The {@code deployment} controller plugin. */
public final class DeploymentFactory implements ControllerFactory<DeploymentConfig> {

  @Override
  public String name() {
    return DeploymentController.NAME;
  }

  @Override
  public String description() {
    return "rolls Deployments out through ReplicaSets: RollingUpdate/Recreate, revisions, rollback, pause, status";
  }

  @Override
  public Class<DeploymentConfig> configType() {
    return DeploymentConfig.class;
  }

  @Override
  public Module module(DeploymentConfig config) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(DeploymentConfig.class).toInstance(config);
        bind(Controller.class).to(DeploymentController.class);
      }
    };
  }
}
