package io.capstan.plugins.scheduler.noderesourcesfit;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import io.capstan.spi.scheduler.SchedulerPlugin;

/** Binds {@link NodeResourcesFit} as the profile's {@link SchedulerPlugin}, with its arguments. */
final class NodeResourcesFitModule extends AbstractModule {

  private final NodeResourcesFitArgs config;

  NodeResourcesFitModule(NodeResourcesFitArgs config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  protected void configure() {
    bind(NodeResourcesFitArgs.class).toInstance(config);
    bind(SchedulerPlugin.class).to(NodeResourcesFit.class);
  }
}
