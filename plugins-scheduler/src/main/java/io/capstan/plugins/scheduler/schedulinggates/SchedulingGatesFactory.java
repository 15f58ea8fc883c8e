package io.capstan.plugins.scheduler.schedulinggates;

import com.google.inject.Module;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.SchedulerPluginFactory;

/** Registers {@link SchedulingGates} under Kubernetes' name {@value SchedulingGates#NAME}. */
public final class SchedulingGatesFactory implements SchedulerPluginFactory<NoConfig> {

  @Override
  public String name() {
    return SchedulingGates.NAME;
  }

  @Override
  public String description() {
    return "holds pods with spec.schedulingGates out of the queue (PreEnqueue)";
  }

  @Override
  public Class<NoConfig> configType() {
    return NoConfig.class;
  }

  @Override
  public Module module(NoConfig config) {
    return new SchedulingGatesModule(config);
  }
}
