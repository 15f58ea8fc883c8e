package io.capstan.runtime.plugin;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.config.ConfigProblem;
import io.capstan.runtime.config.ConfigSource;
import io.capstan.runtime.config.ConfiguredValue;
import io.capstan.runtime.config.EditDistance;
import io.capstan.runtime.config.LayeredConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which plugins the configuration selects in each family. A name the user wrote that matches no
 * plugin is a problem whose message lists the available names; a name that comes from the
 * built-in defaults and is not installed (a default plugin that this build does not carry yet) is
 * only a warning, so a partial build still starts.
 */
public final class PluginSelection {

  private final Map<SpiFamily, List<DiscoveredPlugin>> selected;
  private final List<String> warnings;
  private final List<ConfigProblem> problems;

  private PluginSelection(Map<SpiFamily, List<DiscoveredPlugin>> selected, List<String> warnings, List<ConfigProblem> problems) {
    this.selected = selected;
    this.warnings = List.copyOf(warnings);
    this.problems = List.copyOf(problems);
  }

  public static PluginSelection resolve(PluginCatalog catalog, LayeredConfig config) {
    requireNonNull(catalog, "catalog");
    requireNonNull(config, "config");
    Map<SpiFamily, List<DiscoveredPlugin>> selected = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    List<ConfigProblem> problems = new ArrayList<>();
    for (SpiFamily family : catalog.families()) {
      List<DiscoveredPlugin> chosen = new ArrayList<>();
      switch (family.mode()) {
        case ALL -> chosen.addAll(catalog.plugins(family));
        case REGISTRY -> {
          // Available by name to the host that picks them (scheduler profiles); their settings
          // are bound when a profile enables them, not here.
        }
        case ONE, ORDERED_LIST -> {
          ConfiguredValue value = config.get(family.selectionKey()).orElse(null);
          if (value == null) {
            break; // nothing selected: a process that needs this family says so when it is wired
          }
          List<String> names = value == null ? List.of()
              : family.mode() == SelectionMode.ONE ? List.of(config.string(family.selectionKey())) : config.list(family.selectionKey());
          if (family.mode() == SelectionMode.ONE && names.size() != 1) {
            problems.add(new ConfigProblem(family.selectionKey(), value == null ? "not set" : value.sourceDisplay(),
                "name one " + family.id() + " plugin; available: " + catalog.namesOf(family)));
          }
          Set<String> seen = new LinkedHashSet<>();
          for (String name : names) {
            if (!seen.add(name)) {
              problems.add(new ConfigProblem(family.selectionKey(), value.sourceDisplay(), family.id() + " plugin '" + name + "' is listed twice"));
              continue;
            }
            lookup(catalog, family, name, value, warnings, problems).ifPresent(chosen::add);
          }
        }
        case ENABLED_SET -> chosen.addAll(enabledSet(catalog, family, config, warnings, problems));
      }
      selected.put(family, List.copyOf(chosen));
    }
    List<String> notes = warnings.isEmpty() ? List.of()
        : List.of("defaults not installed in this build (set these keys to an installed plugin to use one): " + String.join(", ", warnings));
    return new PluginSelection(selected, notes, problems);
  }

  private static List<DiscoveredPlugin> enabledSet(PluginCatalog catalog, SpiFamily family, LayeredConfig config,
      List<String> warnings, List<ConfigProblem> problems) {
    ConfiguredValue value = config.get(family.selectionKey()).orElse(null);
    if (value == null) {
      return List.of();
    }
    List<String> entries = config.list(family.selectionKey());
    Set<String> on = new LinkedHashSet<>();
    Set<String> off = new LinkedHashSet<>();
    boolean all = false;
    for (String entry : entries) {
      if (entry.equals("*")) {
        all = true;
      } else if (entry.startsWith("-")) {
        String name = entry.substring(1);
        if (lookup(catalog, family, name, value, warnings, problems).isPresent()) {
          off.add(name);
        }
      } else if (lookup(catalog, family, entry, value, warnings, problems).isPresent()) {
        on.add(entry);
      }
    }
    List<DiscoveredPlugin> chosen = new ArrayList<>();
    for (DiscoveredPlugin plugin : catalog.plugins(family)) {
      if ((all || on.contains(plugin.name())) && !off.contains(plugin.name())) {
        chosen.add(plugin);
      }
    }
    return chosen;
  }

  private static Optional<DiscoveredPlugin> lookup(PluginCatalog catalog, SpiFamily family, String name,
      ConfiguredValue value, List<String> warnings, List<ConfigProblem> problems) {
    Optional<DiscoveredPlugin> plugin = catalog.find(family, name);
    if (plugin.isPresent()) {
      return plugin;
    }
    if (value.source() == ConfigSource.DEFAULT) {
      warnings.add(family.selectionKey() + "=" + name);
      return Optional.empty();
    }
    String hint = catalog.plugins(family).stream()
        .map(DiscoveredPlugin::name)
        .min(Comparator.comparingInt(n -> EditDistance.between(n, name)))
        .filter(n -> EditDistance.between(n, name) <= Math.max(2, name.length() / 2))
        .map(n -> " (did you mean '" + n + "'?)")
        .orElse("");
    problems.add(new ConfigProblem(family.selectionKey(), value.sourceDisplay(),
        "unknown " + family.id() + " plugin '" + name + "'" + hint + "; available: " + catalog.namesOf(family)));
    return Optional.empty();
  }

  public List<DiscoveredPlugin> selected(SpiFamily family) {
    return selected.getOrDefault(family, List.of());
  }

  public boolean isSelected(DiscoveredPlugin plugin) {
    return selected(plugin.family()).contains(plugin);
  }

  public List<DiscoveredPlugin> allSelected() {
    return selected.values().stream().flatMap(List::stream).toList();
  }

  public List<String> warnings() {
    return warnings;
  }

  public List<ConfigProblem> problems() {
    return problems;
  }
}
