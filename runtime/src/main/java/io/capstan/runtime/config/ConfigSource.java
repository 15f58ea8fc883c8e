package io.capstan.runtime.config;

/** Where a configuration value came from, lowest precedence first. */
public enum ConfigSource {
  DEFAULT("default"),
  FILE("file"),
  ENVIRONMENT("environment"),
  SYSTEM_PROPERTY("system property"),
  FLAG("flag");

  private final String label;

  ConfigSource(String label) {
    this.label = label;
  }

  /** How {@code capstan config} names the source. */
  public String label() {
    return label;
  }
}
