package io.capstan.plugins.scheduler.nodeports;

import com.google.inject.Module;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.SchedulerPluginFactory;

/** Registers {@link NodePorts} under Kubernetes' name {@value NodePorts#NAME}. */
public final class NodePortsFactory implements SchedulerPluginFactory<NoConfig> {

  @Override
  public String name() {
    return NodePorts.NAME;
  }

  @Override
  public String description() {
    return "rejects nodes where a requested host port is taken (Filter)";
  }

  @Override
  public Class<NoConfig> configType() {
    return NoConfig.class;
  }

  @Override
  public Module module(NoConfig config) {
    return new NodePortsModule(config);
  }
}
