package io.capstan.plugins.research.policies;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import io.capstan.spi.scheduler.SchedulerPlugin;

/** Binds one policy as the profile's {@link SchedulerPlugin}, with its arguments. */
final class PolicyModule<C> extends AbstractModule {

  private final Class<C> configType;
  private final C config;
  private final Class<? extends SchedulerPlugin> plugin;

  PolicyModule(Class<C> configType, C config, Class<? extends SchedulerPlugin> plugin) {
    this.configType = requireNonNull(configType, "configType");
    this.config = requireNonNull(config, "config");
    this.plugin = requireNonNull(plugin, "plugin");
  }

  @Override
  protected void configure() {
    bind(configType).toInstance(config);
    bind(SchedulerPlugin.class).to(plugin);
  }
}
