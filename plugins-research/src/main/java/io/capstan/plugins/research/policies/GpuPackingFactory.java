package io.capstan.plugins.research.policies;

import com.google.inject.Module;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.SchedulerPluginFactory;

/** Registers {@link GpuPacking} as {@value GpuPacking#NAME}. */
public final class GpuPackingFactory implements SchedulerPluginFactory<NoConfig> {

  @Override
  public String name() {
    return GpuPacking.NAME;
  }

  @Override
  public String description() {
    return "prefers shared GPUs, then free GPUs on used nodes, then idle nodes (Score)";
  }

  @Override
  public Class<NoConfig> configType() {
    return NoConfig.class;
  }

  @Override
  public Module module(NoConfig config) {
    return new PolicyModule<>(NoConfig.class, config, GpuPacking.class);
  }
}
