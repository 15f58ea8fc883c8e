package io.capstan.runtime.scheduler.profile;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.capstan.runtime.scheduler.framework.ExtensionPoint;
import io.capstan.runtime.scheduler.profile.KubeSchedulerConfiguration.PluginConfig;
import io.capstan.runtime.scheduler.profile.KubeSchedulerConfiguration.PluginRef;
import io.capstan.runtime.scheduler.profile.KubeSchedulerConfiguration.PluginSet;
import io.capstan.runtime.scheduler.profile.KubeSchedulerConfiguration.Plugins;
import io.capstan.runtime.scheduler.profile.KubeSchedulerConfiguration.Profile;
import io.capstan.runtime.CapstanException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads a {@code KubeSchedulerConfiguration} (kubescheduler.config.k8s.io/v1) strictly, applies
 * Kubernetes' v1 defaults (one {@code default-scheduler} profile when none is given; each
 * profile's plugins merged over {@link DefaultSchedulerPlugins} with {@link PluginMerger}) and
 * validates it, reporting the file and field of every problem.
 */
public final class ConfigurationLoader {

  private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private ConfigurationLoader() {}

  /** The configuration without a file: Kubernetes' default profile. */
  public static SchedulerConfig defaults() {
    return build(new KubeSchedulerConfiguration(KubeSchedulerConfiguration.API_VERSION, KubeSchedulerConfiguration.KIND,
        null, null, null, null, null, null, null, null, null, null, null), "(defaults)", true);
  }

  public static SchedulerConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new CapstanException("cannot read the scheduler configuration " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  public static SchedulerConfig parse(String yaml, String source) {
    KubeSchedulerConfiguration config;
    try {
      config = YAML.readValue(yaml, KubeSchedulerConfiguration.class);
    } catch (IOException e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      throw new CapstanException(source + ": not a valid KubeSchedulerConfiguration: " + msg, e);
    }
    if (config == null) {
      throw new CapstanException(source + ": the scheduler configuration is empty");
    }
    return build(config, source, false);
  }

  private static SchedulerConfig build(KubeSchedulerConfiguration c, String source, boolean defaults) {
    List<String> problems = new ArrayList<>();
    if (!KubeSchedulerConfiguration.API_VERSION.equals(c.apiVersion())) {
      problems.add("apiVersion: must be " + KubeSchedulerConfiguration.API_VERSION + ", was " + c.apiVersion());
    }
    if (!KubeSchedulerConfiguration.KIND.equals(c.kind())) {
      problems.add("kind: must be " + KubeSchedulerConfiguration.KIND + ", was " + c.kind());
    }
    if (c.extenders() != null && c.extenders().size() > 0) {
      problems.add("extenders: scheduler extenders are not supported; write a plugin instead");
    }
    int parallelism = c.parallelism() == null ? DefaultSchedulerPlugins.DEFAULT_PARALLELISM : c.parallelism();
    if (parallelism <= 0) {
      problems.add("parallelism: must be greater than 0, was " + parallelism);
    }
    int percentage = c.percentageOfNodesToScore() == null ? 0 : c.percentageOfNodesToScore();
    checkPercentage("percentageOfNodesToScore", percentage, problems);
    long initial = c.podInitialBackoffSeconds() == null ? 1 : c.podInitialBackoffSeconds();
    long max = c.podMaxBackoffSeconds() == null ? 10 : c.podMaxBackoffSeconds();
    if (initial <= 0) {
      problems.add("podInitialBackoffSeconds: must be greater than 0");
    }
    if (max < initial) {
      problems.add("podMaxBackoffSeconds: must be at least podInitialBackoffSeconds");
    }
    List<Profile> profiles = c.profiles() == null || c.profiles().isEmpty()
        ? List.of(new Profile(null, null, null, null)) : c.profiles();
    List<ProfileSpec> specs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < profiles.size(); i++) {
      Profile p = profiles.get(i);
      String where = "profiles[" + i + "]";
      String name = p.schedulerName() == null ? DefaultSchedulerPlugins.DEFAULT_SCHEDULER_NAME : p.schedulerName();
      if (name.isBlank()) {
        problems.add(where + ".schedulerName: must not be empty");
      }
      if (!names.add(name)) {
        problems.add(where + ".schedulerName: duplicate profile \"" + name + "\"");
      }
      OptionalInt pct = OptionalInt.empty();
      if (p.percentageOfNodesToScore() != null) {
        checkPercentage(where + ".percentageOfNodesToScore", p.percentageOfNodesToScore(), problems);
        pct = OptionalInt.of(p.percentageOfNodesToScore());
      }
      specs.add(profile(name, pct, p, where, problems, defaults));
    }
    if (specs.size() > 1) {
      PluginSet first = specs.get(0).point(ExtensionPoint.QUEUE_SORT);
      for (int i = 1; i < specs.size(); i++) {
        if (!specs.get(i).point(ExtensionPoint.QUEUE_SORT).equals(first)) {
          problems.add("profiles[" + i + "].plugins.queueSort: must be the same for all profiles");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new CapstanException(source + ": invalid scheduler configuration:\n  " + String.join("\n  ", problems));
    }
    return new SchedulerConfig(parallelism, percentage, Duration.ofSeconds(initial), Duration.ofSeconds(max), specs);
  }

  private static ProfileSpec profile(String name, OptionalInt pct, Profile p, String where, List<String> problems,
      boolean defaults) {
    Plugins plugins = p.plugins();
    Map<ExtensionPoint, PluginSet> points = new EnumMap<>(ExtensionPoint.class);
    Set<String> userNamed = new HashSet<>();
    if (plugins != null) {
      orEmpty(plugins.multiPoint()).enabled().forEach(r -> userNamed.add(r.name()));
    }
    for (ExtensionPoint point : ExtensionPoint.values()) {
      PluginSet custom = plugins == null ? PluginSet.EMPTY : orEmpty(setOf(plugins, point));
      custom.enabled().forEach(r -> userNamed.add(r.name()));
      PluginSet merged = PluginMerger.merge(PluginSet.EMPTY, custom);
      checkWeights(where + ".plugins." + point.yamlName(), merged, point == ExtensionPoint.SCORE, problems);
      points.put(point, merged);
    }
    PluginSet multi = PluginMerger.merge(new PluginSet(DefaultSchedulerPlugins.MULTI_POINT, List.of()),
        plugins == null ? PluginSet.EMPTY : orEmpty(plugins.multiPoint()));
    checkWeights(where + ".plugins.multiPoint", multi, true, problems);
    Map<String, JsonNode> args = new LinkedHashMap<>();
    for (PluginConfig pc : p.pluginConfig() == null ? List.<PluginConfig>of() : p.pluginConfig()) {
      if (pc.name() == null || pc.name().isBlank()) {
        problems.add(where + ".pluginConfig: an entry has no name");
      } else if (args.put(pc.name(), pc.args()) != null) {
        problems.add(where + ".pluginConfig: \"" + pc.name() + "\" is configured twice");
      }
    }
    return new ProfileSpec(name, pct, points, multi, args, userNamed);
  }

  private static void checkWeights(String where, PluginSet set, boolean score, List<String> problems) {
    for (PluginRef r : set.enabled()) {
      if (r.weight() < 0 || r.weight() > 100) {
        problems.add(where + ".enabled[" + r.name() + "].weight: must be in the range [0, 100], was " + r.weight());
      }
    }
  }

  private static void checkPercentage(String field, int value, List<String> problems) {
    if (value < 0 || value > 100) {
      problems.add(field + ": not in valid range [0-100], was " + value);
    }
  }

  private static PluginSet orEmpty(PluginSet s) {
    return s == null ? PluginSet.EMPTY : s;
  }

  static PluginSet setOf(Plugins p, ExtensionPoint point) {
    return switch (point) {
      case PRE_ENQUEUE -> p.preEnqueue();
      case QUEUE_SORT -> p.queueSort();
      case PRE_FILTER -> p.preFilter();
      case FILTER -> p.filter();
      case POST_FILTER -> p.postFilter();
      case PRE_SCORE -> p.preScore();
      case SCORE -> p.score();
      case RESERVE -> p.reserve();
      case PERMIT -> p.permit();
      case PRE_BIND -> p.preBind();
      case BIND -> p.bind();
      case POST_BIND -> p.postBind();
    };
  }
}
