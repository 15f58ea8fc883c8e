package io.capstan.plugins.scheduler.tainttoleration;

import com.google.inject.Module;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.SchedulerPluginFactory;

/** Registers {@link TaintToleration} under Kubernetes' name {@value TaintToleration#NAME}. */
public final class TaintTolerationFactory implements SchedulerPluginFactory<NoConfig> {

  @Override
  public String name() {
    return TaintToleration.NAME;
  }

  @Override
  public String description() {
    return "untolerated NoSchedule/NoExecute taints (Filter), fewer PreferNoSchedule taints (Score)";
  }

  @Override
  public Class<NoConfig> configType() {
    return NoConfig.class;
  }

  @Override
  public Module module(NoConfig config) {
    return new TaintTolerationModule(config);
  }
}
