package io.capstan.runtime.config;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The effective configuration: an ordered stack of {@link ConfigLayer}s where, for each key, the
 * highest layer that sets it wins. Knows where every value came from, which {@code capstan config}
 * prints. Immutable and thread-safe once loaded.
 */
public final class LayeredConfig {

  private final List<ConfigLayer> layers; // lowest precedence first
  private final List<ConfigProblem> loadProblems;

  LayeredConfig(List<ConfigLayer> layers, List<ConfigProblem> loadProblems) {
    this.layers = List.copyOf(layers);
    this.loadProblems = List.copyOf(loadProblems);
  }

  /** Problems found while reading the sources (unknown environment variables, for instance). */
  public List<ConfigProblem> loadProblems() {
    return loadProblems;
  }

  public Optional<ConfiguredValue> get(String key) {
    requireNonNull(key, "key");
    for (int i = layers.size() - 1; i >= 0; i--) {
      Optional<ConfiguredValue> value = layers.get(i).get(key);
      if (value.isPresent()) {
        return value;
      }
    }
    return Optional.empty();
  }

  /** A scalar setting; fails with a clear message when it is absent (a missing default is a bug). */
  public String string(String key) {
    ConfiguredValue value = require(key);
    if (value.value() instanceof List<?> list) {
      throw ConfigurationException.of(key, value.sourceDisplay(), "expected a single value but found a list " + list);
    }
    return (String) value.value();
  }

  /** A list setting; a scalar is read as a comma-separated list. */
  public List<String> list(String key) {
    ConfiguredValue value = require(key);
    if (value.value() instanceof List<?> list) {
      List<String> out = new ArrayList<>();
      list.forEach(item -> out.add(String.valueOf(item)));
      return Collections.unmodifiableList(out);
    }
    String s = ((String) value.value()).trim();
    if (s.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String part : s.split(",")) {
      out.add(part.trim());
    }
    return Collections.unmodifiableList(out);
  }

  private ConfiguredValue require(String key) {
    return get(key).orElseThrow(() -> ConfigurationException.of(key, "defaults", "no value and no default"));
  }

  /** Every key set by any layer, sorted. */
  public List<String> keys() {
    TreeSet<String> keys = new TreeSet<>();
    layers.forEach(layer -> keys.addAll(layer.keys()));
    return List.copyOf(keys);
  }

  /** Every key set by any layer, with its winning value and source, sorted by key. */
  public List<ConfiguredValue> effective() {
    return keys().stream().map(k -> get(k).orElseThrow()).toList();
  }

  /** Keys set by the given source (before precedence is applied). */
  public List<ConfiguredValue> setBy(ConfigSource source) {
    List<ConfiguredValue> out = new ArrayList<>();
    for (ConfigLayer layer : layers) {
      if (layer.source() == source) {
        for (String key : new TreeSet<>(layer.keys())) {
          layer.get(key).ifPresent(out::add);
        }
      }
    }
    return out;
  }

  /**
   * The settings under a prefix as a nested map (for binding to a config record): key
   * {@code store.rocksdb.cache.size} under prefix {@code store.rocksdb} becomes
   * {@code {cache: {size: "..."}}}. Values are strings or lists of strings.
   */
  public Map<String, Object> tree(String prefix) {
    Map<String, Object> root = new LinkedHashMap<>();
    String start = prefix + ".";
    for (String key : keys()) {
      if (!key.startsWith(start)) {
        continue;
      }
      String[] path = key.substring(start.length()).split("\\.");
      Map<String, Object> node = root;
      for (int i = 0; i < path.length - 1; i++) {
        Object child = node.computeIfAbsent(path[i], k -> new LinkedHashMap<String, Object>());
        if (!(child instanceof Map<?, ?>)) {
          break;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> next = (Map<String, Object>) child;
        node = next;
      }
      node.put(path[path.length - 1], get(key).orElseThrow().value());
    }
    return root;
  }

  /** Which layer set a key with the given source, for error messages ("file capstan.yaml"). */
  public String where(String key) {
    return get(key).map(ConfiguredValue::sourceDisplay).orElse("not set");
  }
}
