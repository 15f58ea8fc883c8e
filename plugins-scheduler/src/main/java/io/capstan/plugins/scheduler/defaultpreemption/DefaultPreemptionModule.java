package io.capstan.plugins.scheduler.defaultpreemption;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import io.capstan.spi.scheduler.SchedulerPlugin;

/** Binds {@link DefaultPreemption} as the profile's {@link SchedulerPlugin}, with its arguments. */
final class DefaultPreemptionModule extends AbstractModule {

  private final DefaultPreemptionArgs config;

  DefaultPreemptionModule(DefaultPreemptionArgs config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  protected void configure() {
    bind(DefaultPreemptionArgs.class).toInstance(config);
    bind(SchedulerPlugin.class).to(DefaultPreemption.class);
  }
}
