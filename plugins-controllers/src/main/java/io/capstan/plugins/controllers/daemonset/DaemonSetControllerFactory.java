package io.capstan.plugins.controllers.daemonset;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerFactory;
import io.capstan.spi.controller.ControllerNames;
import io.capstan.spi.plugin.NoConfig;

/** Registers {@link DaemonSetController} as {@code daemonset}. */
public final class DaemonSetControllerFactory implements ControllerFactory<NoConfig> {

  @Override
  public String name() {
    return ControllerNames.DAEMONSET;
  }

  @Override
  public String description() {
    return "one pod on every eligible node, rolling updates with maxUnavailable/maxSurge";
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
        bind(Controller.class).to(DaemonSetController.class);
      }
    };
  }
}
