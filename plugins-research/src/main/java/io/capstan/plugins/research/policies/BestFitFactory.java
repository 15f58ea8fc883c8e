package io.capstan.plugins.research.policies;

import com.google.inject.Module;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.SchedulerPluginFactory;

/** Registers {@link BestFit} as {@value BestFit#NAME}. */
public final class BestFitFactory implements SchedulerPluginFactory<NoConfig> {

  @Override
  public String name() {
    return BestFit.NAME;
  }

  @Override
  public String description() {
    return "least CPU+GPU leftover, min-max normalised (Score)";
  }

  @Override
  public Class<NoConfig> configType() {
    return NoConfig.class;
  }

  @Override
  public Module module(NoConfig config) {
    return new PolicyModule<>(NoConfig.class, config, BestFit.class);
  }
}
