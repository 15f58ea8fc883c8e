package io.capstan.plugins.controllers.cronjob;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerFactory;
import io.capstan.spi.controller.ControllerNames;
import io.capstan.spi.plugin.NoConfig;

/** Registers {@link CronJobController} as {@code cronjob}. */
public final class CronJobControllerFactory implements ControllerFactory<NoConfig> {

  @Override
  public String name() {
    return ControllerNames.CRONJOB;
  }

  @Override
  public String description() {
    return "starts Jobs on a cron schedule with concurrency policies and history limits";
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
        bind(Controller.class).to(CronJobController.class);
      }
    };
  }
}
