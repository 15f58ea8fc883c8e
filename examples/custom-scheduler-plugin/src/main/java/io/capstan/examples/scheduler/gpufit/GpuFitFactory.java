package io.capstan.examples.scheduler.gpufit;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.scheduler.SchedulerPlugin;
import io.capstan.spi.scheduler.SchedulerPluginFactory;

/**
 * Registers {@link GpuFit}: named in {@code META-INF/services/io.capstan.spi.scheduler.SchedulerPluginFactory},
 * so ServiceLoader finds it when the jar is in {@code plugins/}. The framework calls {@link
 * #module} once per profile that enables the plugin, with that profile's arguments.
 */
public final class GpuFitFactory implements SchedulerPluginFactory<GpuFitArgs> {

  @Override
  public String name() {
    return GpuFit.NAME;
  }

  @Override
  public String description() {
    return "GPU pods only where enough nvidia.com/gpu is free; other pods kept off GPU nodes (example)";
  }

  @Override
  public Class<GpuFitArgs> configType() {
    return GpuFitArgs.class;
  }

  @Override
  public Module module(GpuFitArgs args) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(GpuFitArgs.class).toInstance(args);
        bind(SchedulerPlugin.class).to(GpuFit.class);
      }
    };
  }
}
