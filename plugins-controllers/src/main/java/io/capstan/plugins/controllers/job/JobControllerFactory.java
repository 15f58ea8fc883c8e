package io.capstan.plugins.controllers.job;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerFactory;
import io.capstan.spi.controller.ControllerNames;
import io.capstan.spi.plugin.NoConfig;

/** Registers {@link JobController} as {@code job} (it also does ttl-after-finished). */
public final class JobControllerFactory implements ControllerFactory<NoConfig> {

  @Override
  public String name() {
    return ControllerNames.JOB;
  }

  @Override
  public String description() {
    return "runs a Job's pods to completion with back-off, deadlines, Indexed mode and ttlSecondsAfterFinished";
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
        bind(Controller.class).to(JobController.class);
      }
    };
  }
}
