package io.capstan.runtime.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One effective setting: its key, its value (a string, or a list of strings) and the source that
 * won. {@code detail} names the file, variable or property it came from when that helps.
 */
public record ConfiguredValue(String key, Object value, ConfigSource source, String detail) {

  public ConfiguredValue {
    requireNonNull(key, "key");
    requireNonNull(value, "value");
    requireNonNull(source, "source");
    requireNonNull(detail, "detail");
  }

  /** The value as printed by {@code capstan config}: lists as {@code [a, b]}. */
  public String display() {
    if (value instanceof List<?> list) {
      return list.toString();
    }
    return String.valueOf(value);
  }

  /** The source as printed by {@code capstan config}, e.g. {@code environment CAPSTAN_STORE_PLUGIN}. */
  public String sourceDisplay() {
    return detail.isEmpty() ? source.label() : source.label() + " " + detail;
  }
}
