package io.capstan.runtime.plugin;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.plugin.PluginFactory;
import java.net.URL;
import java.security.CodeSource;
import java.util.Optional;

/** A plugin found by ServiceLoader: its family, its factory and where its class was loaded from. */
public record DiscoveredPlugin(SpiFamily family, PluginFactory<?> factory) {

  public DiscoveredPlugin {
    requireNonNull(family, "family");
    requireNonNull(factory, "factory");
  }

  public String name() {
    return factory.name();
  }

  public String className() {
    return factory.getClass().getName();
  }

  /** The jar or class folder the factory came from, for messages about duplicates. */
  public String location() {
    CodeSource source = factory.getClass().getProtectionDomain().getCodeSource();
    return Optional.ofNullable(source).map(CodeSource::getLocation).map(URL::getPath).orElse("unknown location");
  }

  /** The plugin's settings prefix, e.g. {@code store.rocksdb}. */
  public String configPrefix() {
    return family.configPrefixOf(name());
  }

  @Override
  public String toString() {
    return family.id() + " plugin '" + name() + "' (" + className() + ")";
  }
}
