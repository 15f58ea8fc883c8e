package io.capstan.plugins.controllers.replicationcontroller;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerFactory;

/** The {@code replicationcontroller} controller plugin. */
public final class ReplicationControllerFactory implements ControllerFactory<ReplicationControllerConfig> {

  @Override
  public String name() {
    return ReplicationControllerController.NAME;
  }

  @Override
  public String description() {
    return "keeps each ReplicationController's replicas running: adoption, slow-start creates, Kubernetes' delete order, status";
  }

  @Override
  public Class<ReplicationControllerConfig> configType() {
    return ReplicationControllerConfig.class;
  }

  @Override
  public Module module(ReplicationControllerConfig config) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(ReplicationControllerConfig.class).toInstance(config);
        bind(Controller.class).to(ReplicationControllerController.class);
      }
    };
  }
}
