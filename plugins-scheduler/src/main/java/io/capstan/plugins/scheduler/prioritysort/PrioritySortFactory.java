package io.capstan.plugins.scheduler.prioritysort;

import com.google.inject.Module;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.SchedulerPluginFactory;

/** Registers {@link PrioritySort} under Kubernetes' name {@value PrioritySort#NAME}. */
public final class PrioritySortFactory implements SchedulerPluginFactory<NoConfig> {

  @Override
  public String name() {
    return PrioritySort.NAME;
  }

  @Override
  public String description() {
    return "orders the queue by priority, then by arrival (QueueSort)";
  }

  @Override
  public Class<NoConfig> configType() {
    return NoConfig.class;
  }

  @Override
  public Module module(NoConfig config) {
    return new PrioritySortModule(config);
  }
}
