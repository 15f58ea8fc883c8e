package io.capstan.runtime.scheduler.profile;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.PrivateModule;
import com.google.inject.ProvisionException;
import com.google.inject.name.Names;
import io.capstan.runtime.CapstanException;
import io.capstan.runtime.scheduler.framework.ExtensionPoint;
import io.capstan.runtime.scheduler.framework.Framework;
import io.capstan.runtime.scheduler.framework.FrameworkHandleImpl;
import io.capstan.runtime.scheduler.profile.KubeSchedulerConfiguration.PluginRef;
import io.capstan.runtime.scheduler.profile.KubeSchedulerConfiguration.PluginSet;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.plugin.PluginConfigMapper;
import io.capstan.spi.scheduler.EnqueueExtensions;
import io.capstan.spi.scheduler.FrameworkHandle;
import io.capstan.spi.scheduler.NodeScore;
import io.capstan.spi.scheduler.SchedulerPlugin;
import io.capstan.spi.scheduler.SchedulerPluginFactory;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one profile's {@link Framework}: binds each needed plugin's {@code pluginConfig} args to
 * its factory's config type, installs every factory's module once, privately, in a child injector
 * of the host's that provides the profile's {@link FrameworkHandle}, then expands multiPoint and
 * computes Score weights exactly as Kubernetes' {@code NewFramework} does.
 */
public final class ProfileBuilder {

  private static final Logger log = LoggerFactory.getLogger(ProfileBuilder.class);
  private static final ObjectMapper ARGS = PluginConfigMapper.create();

  private final Map<String, PluginRegistration> registry;
  private final Injector parent;

  public ProfileBuilder(Map<String, SchedulerPluginFactory<?>> factories, Injector parent) {
    this(parent, PluginRegistration.ofFactories(factories));
  }

  public ProfileBuilder(Injector parent, Map<String, PluginRegistration> registry) {
    this.registry = Map.copyOf(registry);
    this.parent = requireNonNull(parent, "parent");
  }

  public Framework build(ProfileSpec spec, FrameworkHandleImpl handle, int globalPercentage, boolean explain) {
    String profile = spec.schedulerName();
    Set<String> needed = new LinkedHashSet<>();
    Set<String> missingDefaults = new TreeSet<>();
    List<ExtensionPoint> points = List.of(ExtensionPoint.values());
    for (PluginRef r : spec.multiPoint().enabled()) {
      needed.add(r.name());
    }
    for (ExtensionPoint p : points) {
      spec.point(p).enabled().forEach(r -> needed.add(r.name()));
    }
    for (String name : new ArrayList<>(needed)) {
      if (!registry.containsKey(name)) {
        if (!spec.userNamed().contains(name) && DefaultSchedulerPlugins.names().contains(name)) {
          missingDefaults.add(name);
          needed.remove(name);
        } else {
          throw new CapstanException("profile \"" + profile + "\": scheduler plugin \"" + name + "\" does not exist; available: "
              + (registry.isEmpty() ? "(none installed)" : String.join(", ", new TreeSet<>(registry.keySet()))));
        }
      }
    }
    if (!missingDefaults.isEmpty()) {
      log.warn("profile {}: default scheduler plugins not installed, left out: {}", profile, missingDefaults);
    }
    Map<String, SchedulerPlugin> instances = instantiate(profile, needed, spec.args(), handle);
    Map<ExtensionPoint, List<SchedulerPlugin>> enabled = new EnumMap<>(ExtensionPoint.class);
    for (ExtensionPoint p : points) {
      enabled.put(p, expand(profile, p, spec, instances));
    }
    if (enabled.get(ExtensionPoint.QUEUE_SORT).size() != 1) {
      throw new CapstanException("only one queue sort plugin required for profile with scheduler name \"" + profile
          + "\", but got " + enabled.get(ExtensionPoint.QUEUE_SORT).size() + missingNote(missingDefaults));
    }
    if (enabled.get(ExtensionPoint.BIND).isEmpty()) {
      throw new CapstanException("at least one bind plugin is needed for profile with scheduler name \"" + profile + "\""
          + missingNote(missingDefaults));
    }
    List<PluginRef> weighted = new ArrayList<>(spec.point(ExtensionPoint.SCORE).enabled());
    weighted.addAll(spec.multiPoint().enabled());
    Map<String, Integer> weights = new LinkedHashMap<>();
    long total = 0;
    for (PluginRef r : weighted) {
      SchedulerPlugin p = instances.get(r.name());
      if (!(p instanceof io.capstan.spi.scheduler.ScorePlugin) || weights.containsKey(r.name())) {
        continue;
      }
      int w = r.weight() == 0 ? 1 : r.weight();
      weights.put(r.name(), w);
      if (w * NodeScore.MAX_NODE_SCORE > Long.MAX_VALUE - total) {
        throw new CapstanException("profile \"" + profile + "\": total score of Score plugins could overflow");
      }
      total += w * NodeScore.MAX_NODE_SCORE;
    }
    List<EnqueueExtensions> enqueue = instances.values().stream()
        .filter(EnqueueExtensions.class::isInstance).map(EnqueueExtensions.class::cast).toList();
    OptionalInt pct = spec.percentageOfNodesToScore().isPresent() ? spec.percentageOfNodesToScore()
        : OptionalInt.of(globalPercentage);
    return new Framework(profile, enabled, weights, enqueue, handle, parent.getInstance(Clock.class),
        parent.getInstance(TaskExecutor.class), pct, explain);
  }

  private static String missingNote(Set<String> missing) {
    return missing.isEmpty() ? "" : " (default plugins not installed: " + String.join(", ", missing) + ")";
  }

  /** Kubernetes' {@code updatePluginList} then {@code expandMultiPointPlugins} for one point. */
  private static List<SchedulerPlugin> expand(String profile, ExtensionPoint point, ProfileSpec spec,
      Map<String, SchedulerPlugin> instances) {
    PluginSet set = spec.point(point);
    LinkedHashSet<String> enabledSet = new LinkedHashSet<>();
    for (PluginRef r : set.enabled()) {
      SchedulerPlugin p = instances.get(r.name());
      if (p == null) {
        continue; // a missing default, already reported
      }
      if (!point.type().isInstance(p)) {
        throw new CapstanException("profile \"" + profile + "\": plugin \"" + r.name() + "\" does not extend "
            + point.typeName() + " plugin");
      }
      if (!enabledSet.add(r.name())) {
        throw new CapstanException("profile \"" + profile + "\": plugin \"" + r.name() + "\" already registered as \""
            + point.typeName() + "\"");
      }
    }
    Set<String> disabled = new HashSet<>();
    set.disabled().forEach(r -> disabled.add(r.name()));
    List<String> order = new ArrayList<>();
    if (disabled.contains("*")) {
      order.addAll(enabledSet);
    } else {
      LinkedHashSet<String> multi = new LinkedHashSet<>();
      LinkedHashSet<String> overrides = new LinkedHashSet<>();
      for (PluginRef r : spec.multiPoint().enabled()) {
        SchedulerPlugin p = instances.get(r.name());
        if (p == null || !point.type().isInstance(p) || disabled.contains(r.name())) {
          continue;
        }
        if (enabledSet.contains(r.name())) {
          overrides.add(r.name());
          continue;
        }
        if (!multi.add(r.name())) {
          throw new CapstanException("profile \"" + profile + "\": plugin \"" + r.name() + "\" already registered as \""
              + point.typeName() + "\"");
        }
      }
      order.addAll(overrides);
      order.addAll(multi);
      enabledSet.stream().filter(n -> !overrides.contains(n)).forEach(order::add);
    }
    return order.stream().map(instances::get).toList();
  }

  private Map<String, SchedulerPlugin> instantiate(String profile, Set<String> names, Map<String, JsonNode> args,
      FrameworkHandleImpl handle) {
    for (String configured : args.keySet()) {
      if (!names.contains(configured) && !DefaultSchedulerPlugins.names().contains(configured)) {
        throw new CapstanException("profile \"" + profile + "\": pluginConfig names \"" + configured
            + "\", which is not enabled in this profile");
      }
    }
    List<Module> modules = new ArrayList<>();
    modules.add(new AbstractModule() {
      @Override
      protected void configure() {
        bind(FrameworkHandle.class).toInstance(handle);
      }
    });
    for (String name : names) {
      PluginRegistration factory = registry.get(name);
      Object config = bindArgs(profile, name, factory, args.get(name));
      handle.putPluginArgs(name, config);
      modules.add(privately(profile, name, factory, config));
    }
    Injector child;
    try {
      child = parent.createChildInjector(modules);
    } catch (CreationException | ProvisionException e) {
      throw new CapstanException("profile \"" + profile + "\": scheduler plugins cannot be wired: " + e.getMessage(), e);
    }
    Map<String, SchedulerPlugin> out = new LinkedHashMap<>();
    for (String name : names) {
      SchedulerPlugin plugin;
      try {
        plugin = child.getInstance(Key.get(SchedulerPlugin.class, Names.named(name)));
      } catch (ProvisionException e) {
        throw new CapstanException("profile \"" + profile + "\": scheduler plugin \"" + name + "\" failed to start: "
            + e.getMessage(), e);
      }
      if (!plugin.name().equals(name)) {
        throw new CapstanException("scheduler plugin factory \"" + name + "\" built a plugin named \"" + plugin.name()
            + "\"; name() of plugin and factory must agree");
      }
      out.put(name, plugin);
    }
    return out;
  }

  private static Module privately(String profile, String name, PluginRegistration factory, Object config) {
    Module own;
    try {
      own = requireNonNull(factory.module().apply(config), "module(config) returned null");
    } catch (RuntimeException e) {
      throw new CapstanException("profile \"" + profile + "\": scheduler plugin \"" + name + "\" failed to build its module: "
          + e, e);
    }
    return new PrivateModule() {
      @Override
      protected void configure() {
        install(own);
        bind(Key.get(SchedulerPlugin.class, Names.named(name))).to(SchedulerPlugin.class);
        expose(Key.get(SchedulerPlugin.class, Names.named(name)));
      }
    };
  }

  private static Object bindArgs(String profile, String name, PluginRegistration factory, JsonNode args) {
    ObjectNode node = args == null || args.isNull() ? JsonNodeFactory.instance.objectNode()
        : args.isObject() ? ((ObjectNode) args).deepCopy() : null;
    if (node == null) {
      throw new CapstanException("profile \"" + profile + "\": pluginConfig[" + name + "].args must be a mapping");
    }
    node.remove("apiVersion");
    node.remove("kind");
    try {
      return ARGS.convertValue(node, factory.configType());
    } catch (IllegalArgumentException e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      throw new CapstanException("profile \"" + profile + "\": pluginConfig[" + name + "].args: " + msg, e);
    }
  }
}
