package io.capstan.runtime.scheduler.profile;

import io.capstan.runtime.scheduler.profile.KubeSchedulerConfiguration.PluginRef;
import java.util.List;

/**
 * The default profile's plugins and weights, as Kubernetes v1's {@code getDefaultPlugins()}
 * ({@code pkg/scheduler/apis/config/v1/default_plugins.go}, v1.35): everything enabled through
 * multiPoint, in this order. The sum of Score weights is 12, so the highest total is 1,200.
 */
public final class DefaultSchedulerPlugins {

  public static final String DEFAULT_SCHEDULER_NAME = "default-scheduler";

  /** Kubernetes' default {@code parallelism}. */
  public static final int DEFAULT_PARALLELISM = 16;

  public static final List<PluginRef> MULTI_POINT = List.of(
      new PluginRef("SchedulingGates", 0),
      new PluginRef("PrioritySort", 0),
      new PluginRef("NodeUnschedulable", 0),
      new PluginRef("NodeName", 0),
      new PluginRef("TaintToleration", 3),
      new PluginRef("NodeAffinity", 2),
      new PluginRef("NodePorts", 0),
      new PluginRef("NodeResourcesFit", 1),
      new PluginRef("VolumeRestrictions", 0),
      new PluginRef("NodeVolumeLimits", 0),
      new PluginRef("VolumeBinding", 0),
      new PluginRef("VolumeZone", 0),
      new PluginRef("PodTopologySpread", 2),
      new PluginRef("InterPodAffinity", 2),
      new PluginRef("DefaultPreemption", 0),
      new PluginRef("NodeResourcesBalancedAllocation", 1),
      new PluginRef("ImageLocality", 1),
      new PluginRef("DefaultBinder", 0));

  private DefaultSchedulerPlugins() {}

  /** The names of the default plugins, in order. */
  public static List<String> names() {
    return MULTI_POINT.stream().map(PluginRef::name).toList();
  }
}
