package io.capstan.plugins.scheduler.noderesourcesbalancedallocation;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import io.capstan.spi.scheduler.SchedulerPlugin;

/** Binds {@link NodeResourcesBalancedAllocation} as the profile's {@link SchedulerPlugin}, with its arguments. */
final class NodeResourcesBalancedAllocationModule extends AbstractModule {

  private final NodeResourcesBalancedAllocationArgs config;

  NodeResourcesBalancedAllocationModule(NodeResourcesBalancedAllocationArgs config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  protected void configure() {
    bind(NodeResourcesBalancedAllocationArgs.class).toInstance(config);
    bind(SchedulerPlugin.class).to(NodeResourcesBalancedAllocation.class);
  }
}
