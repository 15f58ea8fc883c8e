package io.capstan.plugins.scheduler.nodeaffinity;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import io.capstan.spi.scheduler.SchedulerPlugin;

/** Binds {@link NodeAffinity} as the profile's {@link SchedulerPlugin}, with its arguments. */
final class NodeAffinityModule extends AbstractModule {

  private final NodeAffinityArgs config;

  NodeAffinityModule(NodeAffinityArgs config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  protected void configure() {
    bind(NodeAffinityArgs.class).toInstance(config);
    bind(SchedulerPlugin.class).to(NodeAffinity.class);
  }
}
