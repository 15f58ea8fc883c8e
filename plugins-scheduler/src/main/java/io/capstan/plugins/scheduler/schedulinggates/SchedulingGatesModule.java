package io.capstan.plugins.scheduler.schedulinggates;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.SchedulerPlugin;

/** Binds {@link SchedulingGates} as the profile's {@link SchedulerPlugin}, with its arguments. */
final class SchedulingGatesModule extends AbstractModule {

  private final NoConfig config;

  SchedulingGatesModule(NoConfig config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  protected void configure() {
    bind(NoConfig.class).toInstance(config);
    bind(SchedulerPlugin.class).to(SchedulingGates.class);
  }
}
