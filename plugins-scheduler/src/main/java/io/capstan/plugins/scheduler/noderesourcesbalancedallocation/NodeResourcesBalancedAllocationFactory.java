package io.capstan.plugins.scheduler.noderesourcesbalancedallocation;

import com.google.inject.Module;
import io.capstan.spi.scheduler.SchedulerPluginFactory;

/** Registers {@link NodeResourcesBalancedAllocation} under Kubernetes' name {@value NodeResourcesBalancedAllocation#NAME}. */
public final class NodeResourcesBalancedAllocationFactory implements SchedulerPluginFactory<NodeResourcesBalancedAllocationArgs> {

  @Override
  public String name() {
    return NodeResourcesBalancedAllocation.NAME;
  }

  @Override
  public String description() {
    return "favours nodes whose resource fractions stay balanced (Score)";
  }

  @Override
  public Class<NodeResourcesBalancedAllocationArgs> configType() {
    return NodeResourcesBalancedAllocationArgs.class;
  }

  @Override
  public Module module(NodeResourcesBalancedAllocationArgs config) {
    return new NodeResourcesBalancedAllocationModule(config);
  }
}
