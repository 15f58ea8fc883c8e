package io.capstan.plugins.scheduler.interpodaffinity;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import io.capstan.spi.scheduler.SchedulerPlugin;

/** Binds {@link InterPodAffinity} as the profile's {@link SchedulerPlugin}, with its arguments. */
final class InterPodAffinityModule extends AbstractModule {

  private final InterPodAffinityArgs config;

  InterPodAffinityModule(InterPodAffinityArgs config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  protected void configure() {
    bind(InterPodAffinityArgs.class).toInstance(config);
    bind(SchedulerPlugin.class).to(InterPodAffinity.class);
  }
}
