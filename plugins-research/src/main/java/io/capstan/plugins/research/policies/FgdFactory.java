package io.capstan.plugins.research.policies;

import com.google.inject.Module;
import io.capstan.spi.scheduler.SchedulerPluginFactory;

/** Registers {@link Fgd} as {@value Fgd#NAME}. */
public final class FgdFactory implements SchedulerPluginFactory<Fgd.Args> {

  @Override
  public String name() {
    return Fgd.NAME;
  }

  @Override
  public String description() {
    return "Fragmentation Gradient Descent of the FGD paper (Score; args: workload)";
  }

  @Override
  public Class<Fgd.Args> configType() {
    return Fgd.Args.class;
  }

  @Override
  public Module module(Fgd.Args config) {
    return new PolicyModule<>(Fgd.Args.class, config, Fgd.class);
  }
}
