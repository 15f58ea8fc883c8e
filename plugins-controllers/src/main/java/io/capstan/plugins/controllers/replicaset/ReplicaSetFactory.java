package io.capstan.plugins.controllers.replicaset;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerFactory;

/** The {@code replicaset} controller plugin. */
public final class ReplicaSetFactory implements ControllerFactory<ReplicaSetConfig> {

  @Override
  public String name() {
    return ReplicaSetController.NAME;
  }

  @Override
  public String description() {
    return "keeps each ReplicaSet's replicas running: adoption, slow-start creates, Kubernetes' delete order, status";
  }

  @Override
  public Class<ReplicaSetConfig> configType() {
    return ReplicaSetConfig.class;
  }

  @Override
  public Module module(ReplicaSetConfig config) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(ReplicaSetConfig.class).toInstance(config);
        bind(Controller.class).to(ReplicaSetController.class);
      }
    };
  }
}
