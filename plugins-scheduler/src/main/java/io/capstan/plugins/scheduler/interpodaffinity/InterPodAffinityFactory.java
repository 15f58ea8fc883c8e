package io.capstan.plugins.scheduler.interpodaffinity;

import com.google.inject.Module;
import io.capstan.spi.scheduler.SchedulerPluginFactory;

/** Registers {@link InterPodAffinity} under Kubernetes' name {@value InterPodAffinity#NAME}. */
public final class InterPodAffinityFactory implements SchedulerPluginFactory<InterPodAffinityArgs> {

  @Override
  public String name() {
    return InterPodAffinity.NAME;
  }

  @Override
  public String description() {
    return "required pod (anti-)affinity (Filter), preferred terms (Score)";
  }

  @Override
  public Class<InterPodAffinityArgs> configType() {
    return InterPodAffinityArgs.class;
  }

  @Override
  public Module module(InterPodAffinityArgs config) {
    return new InterPodAffinityModule(config);
  }
}
