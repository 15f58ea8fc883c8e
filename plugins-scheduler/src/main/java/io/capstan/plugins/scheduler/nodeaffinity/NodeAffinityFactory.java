package io.capstan.plugins.scheduler.nodeaffinity;

import com.google.inject.Module;
import io.capstan.spi.scheduler.SchedulerPluginFactory;

/** Registers {@link NodeAffinity} under Kubernetes' name {@value NodeAffinity#NAME}. */
public final class NodeAffinityFactory implements SchedulerPluginFactory<NodeAffinityArgs> {

  @Override
  public String name() {
    return NodeAffinity.NAME;
  }

  @Override
  public String description() {
    return "nodeSelector and required node affinity (Filter), preferred terms (Score)";
  }

  @Override
  public Class<NodeAffinityArgs> configType() {
    return NodeAffinityArgs.class;
  }

  @Override
  public Module module(NodeAffinityArgs config) {
    return new NodeAffinityModule(config);
  }
}
