package io.capstan.plugins.scheduler.nodename;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.SchedulerPlugin;

/** Binds {@link NodeName} as the profile's {@link SchedulerPlugin}, with its arguments. */
final class NodeNameModule extends AbstractModule {

  private final NoConfig config;

  NodeNameModule(NoConfig config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  protected void configure() {
    bind(NoConfig.class).toInstance(config);
    bind(SchedulerPlugin.class).to(NodeName.class);
  }
}
