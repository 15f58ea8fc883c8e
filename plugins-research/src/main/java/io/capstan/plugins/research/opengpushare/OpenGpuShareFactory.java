package io.capstan.plugins.research.opengpushare;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.SchedulerPlugin;
import io.capstan.spi.scheduler.SchedulerPluginFactory;

/** Registers {@link OpenGpuShare} as {@value OpenGpuShare#NAME}. */
public final class OpenGpuShareFactory implements SchedulerPluginFactory<NoConfig> {

  @Override
  public String name() {
    return OpenGpuShare.NAME;
  }

  @Override
  public String description() {
    return "GPU-sharing filter and per-GPU device accounting of the FGD paper (PreFilter, Filter, Reserve)";
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
        bind(SchedulerPlugin.class).to(OpenGpuShare.class);
      }
    };
  }
}
