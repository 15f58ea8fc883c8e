package io.capstan.examples.research.mostfreegpu;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.SchedulerPlugin;
import io.capstan.spi.scheduler.SchedulerPluginFactory;

/** Registers {@link MostFreeGpu}, so {@code --policy MostFreeGpu} or a profile can name it. */
public final class MostFreeGpuFactory implements SchedulerPluginFactory<NoConfig> {

  @Override
  public String name() {
    return MostFreeGpu.NAME;
  }

  @Override
  public String description() {
    return "example research policy: the node with the most free GPU (worst fit)";
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
        bind(NoConfig.class).toInstance(config);
        bind(SchedulerPlugin.class).to(MostFreeGpu.class);
      }
    };
  }
}
