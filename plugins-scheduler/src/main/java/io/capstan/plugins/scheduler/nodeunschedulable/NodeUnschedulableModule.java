package io.capstan.plugins.scheduler.nodeunschedulable;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.SchedulerPlugin;

/** Binds {@link NodeUnschedulable} as the profile's {@link SchedulerPlugin}, with its arguments. */
final class NodeUnschedulableModule extends AbstractModule {

  private final NoConfig config;

  NodeUnschedulableModule(NoConfig config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  protected void configure() {
    bind(NoConfig.class).toInstance(config);
    bind(SchedulerPlugin.class).to(NodeUnschedulable.class);
  }
}
