package io.capstan.runtime.scheduler.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.runtime.scheduler.framework.ExtensionPoint;
import io.capstan.runtime.scheduler.profile.KubeSchedulerConfiguration.PluginSet;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One profile after Kubernetes' defaulting: the plugin set of every extension point and of
 * multiPoint merged with the defaults, and the raw arguments per plugin. Expanding multiPoint needs
 * the plugin instances, so it happens in {@link ProfileBuilder}.
 *
 * @param userNamed the plugins the configuration names itself; a default plugin that is not
 *     installed is left out with a warning unless the user named it
 */
public record ProfileSpec(String schedulerName, OptionalInt percentageOfNodesToScore, Map<ExtensionPoint, PluginSet> points,
    PluginSet multiPoint, Map<String, JsonNode> args, java.util.Set<String> userNamed) {

  public ProfileSpec {
    points = Map.copyOf(points);
    args = Map.copyOf(args);
    userNamed = java.util.Set.copyOf(userNamed);
  }

  public PluginSet point(ExtensionPoint p) {
    return points.getOrDefault(p, PluginSet.EMPTY);
  }
}
