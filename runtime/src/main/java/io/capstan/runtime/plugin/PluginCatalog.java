package io.capstan.runtime.plugin;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.CapstanException;
import io.capstan.spi.plugin.PluginFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every plugin ServiceLoader finds, per family, sorted by name. Discovery fails with a message that
 * names both classes when two plugins of one family share a name, and names the services file entry
 * when a listed class cannot be loaded.
 */
public final class PluginCatalog {

  private final List<SpiFamily> families;
  private final Map<SpiFamily, List<DiscoveredPlugin>> byFamily;

  private PluginCatalog(List<SpiFamily> families, Map<SpiFamily, List<DiscoveredPlugin>> byFamily) {
    this.families = List.copyOf(families);
    this.byFamily = byFamily;
  }

  /** Discovers the plugins of every family with the given class loader. */
  public static PluginCatalog discover(List<SpiFamily> families, ClassLoader loader) {
    requireNonNull(families, "families");
    requireNonNull(loader, "loader");
    Map<SpiFamily, List<DiscoveredPlugin>> byFamily = new LinkedHashMap<>();
    for (SpiFamily family : families) {
      byFamily.put(family, discoverFamily(family, loader));
    }
    return new PluginCatalog(families, byFamily);
  }

  private static List<DiscoveredPlugin> discoverFamily(SpiFamily family, ClassLoader loader) {
    Map<String, DiscoveredPlugin> byName = new LinkedHashMap<>();
    Set<Class<?>> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    try {
      for (PluginFactory<?> factory : ServiceLoader.load(family.factoryType(), loader)) {
        if (!seen.add(factory.getClass())) {
          continue; // the same class reached through two class path entries
        }
        DiscoveredPlugin plugin = new DiscoveredPlugin(family, factory);
        String name = requireNonNull(factory.name(), () -> factory.getClass().getName() + ".name() returned null");
        DiscoveredPlugin clash = byName.putIfAbsent(name, plugin);
        if (clash != null) {
          throw new CapstanException("two " + family.id() + " plugins are named '" + name + "': "
              + clash.className() + " (" + clash.location() + ") and "
              + plugin.className() + " (" + plugin.location() + "); rename one or remove one jar");
        }
      }
    } catch (ServiceConfigurationError e) {
      throw new CapstanException("a " + family.id() + " plugin listed in META-INF/services/"
          + family.factoryType().getName() + " cannot be loaded: " + e.getMessage()
          + (e.getCause() != null ? " (" + e.getCause() + ")" : ""), e);
    }
    List<DiscoveredPlugin> plugins = new ArrayList<>(byName.values());
    plugins.sort(Comparator.comparing(DiscoveredPlugin::name));
    return List.copyOf(plugins);
  }

  public List<SpiFamily> families() {
    return families;
  }

  public List<DiscoveredPlugin> plugins(SpiFamily family) {
    return byFamily.getOrDefault(family, List.of());
  }

  public Optional<DiscoveredPlugin> find(SpiFamily family, String name) {
    return plugins(family).stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** The names of a family's plugins, comma-separated, or {@code (none installed)}. */
  public String namesOf(SpiFamily family) {
    List<DiscoveredPlugin> plugins = plugins(family);
    return plugins.isEmpty() ? "(none installed)" : plugins.stream().map(DiscoveredPlugin::name).collect(Collectors.joining(", "));
  }

  public List<DiscoveredPlugin> all() {
    return byFamily.values().stream().flatMap(List::stream).toList();
  }
}
