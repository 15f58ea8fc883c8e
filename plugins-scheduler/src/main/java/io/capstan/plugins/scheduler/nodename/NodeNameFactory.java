package io.capstan.plugins.scheduler.nodename;

import com.google.inject.Module;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.SchedulerPluginFactory;

/** Registers {@link NodeName} under Kubernetes' name {@value NodeName#NAME}. */
public final class NodeNameFactory implements SchedulerPluginFactory<NoConfig> {

  @Override
  public String name() {
    return NodeName.NAME;
  }

  @Override
  public String description() {
    return "rejects nodes other than spec.nodeName (Filter)";
  }

  @Override
  public Class<NoConfig> configType() {
    return NoConfig.class;
  }

  @Override
  public Module module(NoConfig config) {
    return new NodeNameModule(config);
  }
}
