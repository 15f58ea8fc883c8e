package io.capstan.plugins.research.policies;

import com.google.inject.Module;
import io.capstan.spi.scheduler.SchedulerPluginFactory;

/** Registers {@link RandomScore} as {@value RandomScore#NAME}. */
public final class RandomFactory implements SchedulerPluginFactory<RandomScore.Args> {

  @Override
  public String name() {
    return RandomScore.NAME;
  }

  @Override
  public String description() {
    return "a random feasible node (Score; args: seed)";
  }

  @Override
  public Class<RandomScore.Args> configType() {
    return RandomScore.Args.class;
  }

  @Override
  public Module module(RandomScore.Args config) {
    return new PolicyModule<>(RandomScore.Args.class, config, RandomScore.class);
  }
}
