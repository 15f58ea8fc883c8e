package io.capstan.plugins.research.policies;

import com.google.inject.Module;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.SchedulerPluginFactory;

/** Registers {@link DotProduct} as {@value DotProduct#NAME}. */
public final class DotProductFactory implements SchedulerPluginFactory<NoConfig> {

  @Override
  public String name() {
    return DotProduct.NAME;
  }

  @Override
  public String description() {
    return "tightest fit by the dot product of free resources and request (Score)";
  }

  @Override
  public Class<NoConfig> configType() {
    return NoConfig.class;
  }

  @Override
  public Module module(NoConfig config) {
    return new PolicyModule<>(NoConfig.class, config, DotProduct.class);
  }
}
