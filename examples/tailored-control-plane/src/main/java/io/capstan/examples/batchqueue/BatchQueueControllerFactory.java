package io.capstan.examples.batchqueue;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerFactory;
import io.capstan.spi.plugin.NoConfig;

/** Registers {@link BatchQueueController} as {@code batchqueue} (enable it with {@code controllers.enabled}). */
public final class BatchQueueControllerFactory implements ControllerFactory<NoConfig> {

  @Override
  public String name() {
    return BatchQueueController.NAME;
  }

  @Override
  public String description() {
    return "releases the pods of each BatchQueue to the scheduler, maxActive at a time, highest priority first";
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
        bind(Controller.class).to(BatchQueueController.class);
      }
    };
  }
}
