package io.capstan.runtime.config;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.configuration2.Configuration;

/**
 * One source of settings (defaults, file, environment, properties, flags) as a Commons
 * Configuration object, plus, per key, the detail shown to users (which variable or property set
 * it).
 */
final class ConfigLayer {

  private final ConfigSource source;
  private final Configuration configuration;
  private final Map<String, String> detailByKey;
  private final String defaultDetail;

  ConfigLayer(ConfigSource source, Configuration configuration, Map<String, String> detailByKey, String defaultDetail) {
    this.source = requireNonNull(source, "source");
    this.configuration = requireNonNull(configuration, "configuration");
    this.detailByKey = Map.copyOf(detailByKey);
    this.defaultDetail = requireNonNull(defaultDetail, "defaultDetail");
  }

  ConfigSource source() {
    return source;
  }

  boolean contains(String key) {
    return configuration.containsKey(key);
  }

  Set<String> keys() {
    Set<String> keys = new LinkedHashSet<>();
    for (Iterator<String> it = configuration.getKeys(); it.hasNext(); ) {
      keys.add(it.next());
    }
    return keys;
  }

  String detail(String key) {
    return detailByKey.getOrDefault(key, defaultDetail);
  }

  /**
   * The value with {@code ${...}} interpolation applied: a list of strings for a list, a string
   * otherwise. Empty when the layer does not set the key.
   */
  Optional<ConfiguredValue> get(String key) {
    if (!configuration.containsKey(key)) {
      return Optional.empty();
    }
    Object raw = configuration.getProperty(key);
    Object value;
    if (raw instanceof List<?> || raw instanceof Object[]) {
      value = List.copyOf(new ArrayList<>(configuration.getList(String.class, key, List.of())));
    } else {
      String s = configuration.getString(key);
      value = s == null ? "" : s;
    }
    return Optional.of(new ConfiguredValue(key, value, source, detail(key)));
  }
}
