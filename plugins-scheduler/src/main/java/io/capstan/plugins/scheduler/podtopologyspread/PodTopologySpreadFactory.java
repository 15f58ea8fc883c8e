package io.capstan.plugins.scheduler.podtopologyspread;

import com.google.inject.Module;
import io.capstan.spi.scheduler.SchedulerPluginFactory;

/** Registers {@link PodTopologySpread} under Kubernetes' name {@value PodTopologySpread#NAME}. */
public final class PodTopologySpreadFactory implements SchedulerPluginFactory<PodTopologySpreadArgs> {

  @Override
  public String name() {
    return PodTopologySpread.NAME;
  }

  @Override
  public String description() {
    return "topology spread constraints: maxSkew (Filter), fewer matching pods (Score)";
  }

  @Override
  public Class<PodTopologySpreadArgs> configType() {
    return PodTopologySpreadArgs.class;
  }

  @Override
  public Module module(PodTopologySpreadArgs config) {
    return new PodTopologySpreadModule(config);
  }
}
