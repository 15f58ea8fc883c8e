package io.capstan.plugins.controllers.nodelifecycle;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerFactory;

/** The {@code nodelifecycle} controller plugin. */
public final class NodeLifecycleFactory implements ControllerFactory<NodeLifecycleConfig> {

  @Override
  public String name() {
    return NodeLifecycleController.NAME;
  }

  @Override
  public String description() {
    return "marks nodes whose Lease expired Unknown, taints them unreachable/not-ready, evicts their pods after toleration seconds";
  }

  @Override
  public Class<NodeLifecycleConfig> configType() {
    return NodeLifecycleConfig.class;
  }

  @Override
  public Module module(NodeLifecycleConfig config) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(NodeLifecycleConfig.class).toInstance(config);
        bind(Controller.class).to(NodeLifecycleController.class);
      }
    };
  }
}
