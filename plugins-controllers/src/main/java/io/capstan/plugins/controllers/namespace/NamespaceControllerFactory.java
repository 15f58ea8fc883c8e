package io.capstan.plugins.controllers.namespace;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerFactory;
import io.capstan.spi.controller.ControllerNames;
import io.capstan.spi.plugin.NoConfig;

/** Registers {@link NamespaceController} as {@code namespace}; it injects the process's KindRegistry. */
public final class NamespaceControllerFactory implements ControllerFactory<NoConfig> {

  @Override
  public String name() {
    return ControllerNames.NAMESPACE;
  }

  @Override
  public String description() {
    return "empties a deleted namespace of every kind's objects, then finalizes it";
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
        bind(Controller.class).to(NamespaceController.class);
      }
    };
  }
}
