package io.capstan.plugins.controllers.statefulset;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerFactory;
import io.capstan.spi.controller.ControllerNames;
import io.capstan.spi.plugin.NoConfig;

/** Registers {@link StatefulSetController} as {@code statefulset}. */
public final class StatefulSetControllerFactory implements ControllerFactory<NoConfig> {

  @Override
  public String name() {
    return ControllerNames.STATEFULSET;
  }

  @Override
  public String description() {
    return "ordered, stable pods with rolling updates by partition and ControllerRevisions";
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
        bind(Controller.class).to(StatefulSetController.class);
      }
    };
  }
}
