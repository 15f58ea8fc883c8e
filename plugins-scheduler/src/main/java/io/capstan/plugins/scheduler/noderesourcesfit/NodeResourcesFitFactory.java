package io.capstan.plugins.scheduler.noderesourcesfit;

import com.google.inject.Module;
import io.capstan.spi.scheduler.SchedulerPluginFactory;

/** Registers {@link NodeResourcesFit} under Kubernetes' name {@value NodeResourcesFit#NAME}. */
public final class NodeResourcesFitFactory implements SchedulerPluginFactory<NodeResourcesFitArgs> {

  @Override
  public String name() {
    return NodeResourcesFit.NAME;
  }

  @Override
  public String description() {
    return "requests fit allocatable (Filter); LeastAllocated/MostAllocated/RequestedToCapacityRatio (Score)";
  }

  @Override
  public Class<NodeResourcesFitArgs> configType() {
    return NodeResourcesFitArgs.class;
  }

  @Override
  public Module module(NodeResourcesFitArgs config) {
    return new NodeResourcesFitModule(config);
  }
}
