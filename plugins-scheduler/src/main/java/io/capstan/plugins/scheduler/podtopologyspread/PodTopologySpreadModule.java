package io.capstan.plugins.scheduler.podtopologyspread;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import io.capstan.spi.scheduler.SchedulerPlugin;

/** Binds {@link PodTopologySpread} as the profile's {@link SchedulerPlugin}, with its arguments. */
final class PodTopologySpreadModule extends AbstractModule {

  private final PodTopologySpreadArgs config;

  PodTopologySpreadModule(PodTopologySpreadArgs config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  protected void configure() {
    bind(PodTopologySpreadArgs.class).toInstance(config);
    bind(SchedulerPlugin.class).to(PodTopologySpread.class);
  }
}
