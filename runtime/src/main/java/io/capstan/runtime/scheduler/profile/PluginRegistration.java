package io.capstan.runtime.scheduler.profile;

import static java.util.Objects.requireNonNull;

import com.google.inject.Module;
import io.capstan.spi.scheduler.SchedulerPluginFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What the profile builder needs of a plugin: its name, its argument type and its module. Usually
 * a discovered {@link SchedulerPluginFactory}; the host's own bench plugins use it directly, so they
 * are never discoverable as plugins.
 */
public record PluginRegistration(String name, Class<?> configType, Function<Object, Module> module) {

  public PluginRegistration {
    requireNonNull(name, "name");
    requireNonNull(configType, "configType");
    requireNonNull(module, "module");
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static PluginRegistration of(SchedulerPluginFactory<?> factory) {
    SchedulerPluginFactory raw = factory;
    return new PluginRegistration(factory.name(), factory.configType(), config -> raw.module(config));
  }

  public static Map<String, PluginRegistration> ofFactories(Map<String, SchedulerPluginFactory<?>> factories) {
    Map<String, PluginRegistration> out = new LinkedHashMap<>();
    factories.forEach((name, f) -> out.put(name, of(f)));
    return out;
  }
}
