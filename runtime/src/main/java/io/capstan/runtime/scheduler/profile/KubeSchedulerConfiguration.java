package io.capstan.runtime.scheduler.profile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The fields of {@code kubescheduler.config.k8s.io/v1 KubeSchedulerConfiguration} that Capstan
 * reads, as written in the file (absent fields are null; {@link ConfigurationLoader} applies
 * Kubernetes' defaults and validation). Fields Capstan has no use for (client connection, leader
 * election, profiling) are accepted and ignored, so an existing file loads unchanged.
 */
public record KubeSchedulerConfiguration(String apiVersion, String kind, Integer parallelism,
    Integer percentageOfNodesToScore, Long podInitialBackoffSeconds, Long podMaxBackoffSeconds,
    List<Profile> profiles, JsonNode extenders, JsonNode leaderElection, JsonNode clientConnection,
    Boolean enableProfiling, Boolean enableContentionProfiling, Boolean delayCacheUntilActive) {

  public static final String API_VERSION = "kubescheduler.config.k8s.io/v1";
  public static final String KIND = "KubeSchedulerConfiguration";

  /** One profile: a scheduler name and its plugins. */
  public record Profile(String schedulerName, Integer percentageOfNodesToScore, Plugins plugins,
      List<PluginConfig> pluginConfig) {}

  /** The plugin sets per extension point, plus multiPoint. */
  public record Plugins(PluginSet preEnqueue, PluginSet queueSort, PluginSet preFilter, PluginSet filter,
      PluginSet postFilter, PluginSet preScore, PluginSet score, PluginSet reserve, PluginSet permit,
      PluginSet preBind, PluginSet bind, PluginSet postBind, PluginSet multiPoint) {}

  /** Enabled and disabled plugins of one point; {@code "*"} in disabled switches off every default. */
  public record PluginSet(List<PluginRef> enabled, List<PluginRef> disabled) {
    public PluginSet {
      enabled = enabled == null ? List.of() : List.copyOf(enabled);
      disabled = disabled == null ? List.of() : List.copyOf(disabled);
    }

    public static final PluginSet EMPTY = new PluginSet(List.of(), List.of());
  }

  /** A plugin by name, with its Score weight (0 = unset). */
  public record PluginRef(String name, Integer weight) {
    public PluginRef {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a plugin entry needs a name");
      }
      weight = weight == null ? 0 : weight;
    }

    public static PluginRef of(String name) {
      return new PluginRef(name, 0);
    }
  }

  /** Arguments for one plugin of the profile. */
  public record PluginConfig(String name, JsonNode args) {}
}
