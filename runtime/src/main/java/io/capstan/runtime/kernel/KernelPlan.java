package io.capstan.runtime.kernel;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.config.ConfigBinder;
import io.capstan.runtime.config.ConfigInputs;
import io.capstan.runtime.config.ConfigLoader;
import io.capstan.runtime.config.ConfigProblem;
import io.capstan.runtime.config.ConfigurationException;
import io.capstan.runtime.config.KeySpace;
import io.capstan.runtime.config.LayeredConfig;
import io.capstan.runtime.config.RecordKeys;
import io.capstan.runtime.plugin.DiscoveredPlugin;
import io.capstan.runtime.plugin.PluginCatalog;
import io.capstan.runtime.plugin.PluginClassLoaders;
import io.capstan.runtime.plugin.PluginSelection;
import io.capstan.runtime.plugin.SpiFamily;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything decided before wiring: the effective configuration, the discovered plugins, which of
 * them are selected and their bound settings. Resolving reports every configuration problem at
 * once. {@code capstan plugins} and {@code capstan config} stop here; {@code capstan up} goes on to
 * {@link Kernel#create}.
 */
public final class KernelPlan {

  /** System property the launcher sets to its own folder; relative paths resolve against it. */
  public static final String HOME_PROPERTY = "io.capstan.home";

  private final LayeredConfig config;
  private final PluginCatalog catalog;
  private final PluginSelection selection;
  private final Map<DiscoveredPlugin, Object> pluginConfigs;
  private final RuntimeSettings runtime;
  private final List<String> components;
  private final ClassLoader classLoader;
  private final Path home;

  private KernelPlan(LayeredConfig config, PluginCatalog catalog, PluginSelection selection,
      Map<DiscoveredPlugin, Object> pluginConfigs, RuntimeSettings runtime, List<String> components,
      ClassLoader classLoader, Path home) {
    this.config = config;
    this.catalog = catalog;
    this.selection = selection;
    this.pluginConfigs = pluginConfigs;
    this.runtime = runtime;
    this.components = components;
    this.classLoader = classLoader;
    this.home = home;
  }

  /** Resolves with the built-in families and the application class loader. */
  public static KernelPlan resolve(ConfigInputs inputs) {
    return resolve(inputs, SpiFamilies.ALL, KernelPlan.class.getClassLoader(), defaultHome());
  }

  public static KernelPlan resolve(ConfigInputs inputs, List<SpiFamily> families, ClassLoader parent, Path home) {
    requireNonNull(inputs, "inputs");
    KeySpace core = ConfigLoader.coreKeySpace();
    ConfigBinder binder = new ConfigBinder();

    // First pass, Capstan's own keys only: enough to find the plugins folder.
    LayeredConfig first = ConfigLoader.load(inputs, core);
    RuntimeSettings firstRuntime = binder.bind(first, "runtime", RuntimeSettings.class);
    ClassLoader loader = PluginClassLoaders.withPluginsFrom(home.resolve(firstRuntime.pluginsDir()), parent);
    PluginCatalog catalog = PluginCatalog.discover(families, loader);

    // Second pass with every plugin's keys known.
    KeySpace keys = core;
    for (SpiFamily family : families) {
      if (!family.selectionKey().isEmpty()) {
        keys = keys.plus(List.of(family.selectionKey()), List.of());
      }
    }
    for (DiscoveredPlugin plugin : catalog.all()) {
      RecordKeys.Keys k = RecordKeys.of(plugin.configPrefix(), plugin.factory().configType());
      keys = keys.plus(k.leaves(), k.openPrefixes());
    }
    LayeredConfig config = ConfigLoader.load(inputs, keys);
    List<ConfigProblem> problems = new ArrayList<>(ConfigLoader.unknownKeys(config, keys));
    RuntimeSettings runtime = bindCollecting(binder, config, "runtime", RuntimeSettings.class, problems);
    List<String> components = Components.configured(config, problems);
    PluginSelection selection = PluginSelection.resolve(catalog, config);
    problems.addAll(selection.problems());
    Map<DiscoveredPlugin, Object> pluginConfigs = new LinkedHashMap<>();
    for (DiscoveredPlugin plugin : selection.allSelected()) {
      Object bound = bindCollecting(binder, config, plugin.configPrefix(), plugin.factory().configType(), problems);
      if (bound != null) {
        pluginConfigs.put(plugin, bound);
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return new KernelPlan(config, catalog, selection, pluginConfigs, runtime, components, loader, home);
  }

  private static <C> C bindCollecting(ConfigBinder binder, LayeredConfig config, String prefix, Class<C> type, List<ConfigProblem> problems) {
    try {
      return binder.bind(config, prefix, type);
    } catch (ConfigurationException e) {
      problems.addAll(e.problems());
      return null;
    }
  }

  /** The launcher's folder ({@value #HOME_PROPERTY}), or the working directory. */
  public static Path defaultHome() {
    String home = System.getProperty(HOME_PROPERTY);
    return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
  }

  public LayeredConfig config() {
    return config;
  }

  public PluginCatalog catalog() {
    return catalog;
  }

  public PluginSelection selection() {
    return selection;
  }

  /** The bound settings of a selected plugin. */
  public Object configOf(DiscoveredPlugin plugin) {
    Object config = pluginConfigs.get(plugin);
    if (config == null) {
      throw new IllegalArgumentException(plugin + " is not selected");
    }
    return config;
  }

  public Map<DiscoveredPlugin, Object> pluginConfigs() {
    return pluginConfigs;
  }

  public RuntimeSettings runtime() {
    return runtime;
  }

  public List<String> components() {
    return components;
  }

  public ClassLoader classLoader() {
    return classLoader;
  }

  /** A path from the configuration, resolved against the launcher's folder when relative. */
  public Path resolvePath(String configured) {
    return home.resolve(configured).normalize();
  }

  public List<String> warnings() {
    return selection.warnings();
  }
}
