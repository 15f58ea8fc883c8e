package io.capstan.plugins.scheduler.nodeunschedulable;

import com.google.inject.Module;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.SchedulerPluginFactory;

/** Registers {@link NodeUnschedulable} under Kubernetes' name {@value NodeUnschedulable#NAME}. */
public final class NodeUnschedulableFactory implements SchedulerPluginFactory<NoConfig> {

  @Override
  public String name() {
    return NodeUnschedulable.NAME;
  }

  @Override
  public String description() {
    return "rejects nodes marked unschedulable unless the pod tolerates it (Filter)";
  }

  @Override
  public Class<NoConfig> configType() {
    return NoConfig.class;
  }

  @Override
  public Module module(NoConfig config) {
    return new NodeUnschedulableModule(config);
  }
}
