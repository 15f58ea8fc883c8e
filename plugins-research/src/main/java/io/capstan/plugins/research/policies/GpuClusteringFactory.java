package io.capstan.plugins.research.policies;

import com.google.inject.Module;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.SchedulerPluginFactory;

/** Registers {@link GpuClustering} as {@value GpuClustering#NAME}. */
public final class GpuClusteringFactory implements SchedulerPluginFactory<NoConfig> {

  @Override
  public String name() {
    return GpuClustering.NAME;
  }

  @Override
  public String description() {
    return "packs GPU tasks of the same size class together (Score)";
  }

  @Override
  public Class<NoConfig> configType() {
    return NoConfig.class;
  }

  @Override
  public Module module(NoConfig config) {
    return new PolicyModule<>(NoConfig.class, config, GpuClustering.class);
  }
}
