package io.capstan.plugins.scheduler.defaultpreemption;

import com.google.inject.Module;
import io.capstan.spi.scheduler.SchedulerPluginFactory;

/** Registers {@link DefaultPreemption} under Kubernetes' name {@value DefaultPreemption#NAME}. */
public final class DefaultPreemptionFactory implements SchedulerPluginFactory<DefaultPreemptionArgs> {

  @Override
  public String name() {
    return DefaultPreemption.NAME;
  }

  @Override
  public String description() {
    return "evicts lower-priority pods so the pod fits (PostFilter)";
  }

  @Override
  public Class<DefaultPreemptionArgs> configType() {
    return DefaultPreemptionArgs.class;
  }

  @Override
  public Module module(DefaultPreemptionArgs config) {
    return new DefaultPreemptionModule(config);
  }
}
