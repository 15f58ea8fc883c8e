package io.capstan.runtime.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The raw material of a configuration: the file the user named (or {@code ./capstan.yaml} when it
 * exists), the process environment, the system properties and the command-line flags already
 * turned into keys. Kept separate from {@link LayeredConfig} so tests can pass any of them.
 *
 * @param file the YAML file, if any
 * @param fileExplicit whether the user named the file (then a missing file is an error)
 * @param environment all environment variables; only {@code CAPSTAN_*} ones are read
 * @param systemProperties all system properties; only {@code capstan.*} ones are read
 * @param flags settings from command-line flags, by configuration key
 */
public record ConfigInputs(
    Optional<Path> file,
    boolean fileExplicit,
    Map<String, String> environment,
    Map<String, String> systemProperties,
    Map<String, String> flags) {

  public ConfigInputs {
    requireNonNull(file, "file");
    environment = Map.copyOf(environment);
    systemProperties = Map.copyOf(systemProperties);
    flags = Map.copyOf(new LinkedHashMap<>(flags));
  }

  /** Nothing but the defaults: what tests start from. */
  public static ConfigInputs defaultsOnly() {
    return new ConfigInputs(Optional.empty(), false, Map.of(), Map.of(), Map.of());
  }

  /** The inputs of a real process: its environment and system properties. */
  public static ConfigInputs fromProcess(Optional<Path> explicitFile, Map<String, String> flags) {
    Optional<Path> file = explicitFile;
    boolean explicit = explicitFile.isPresent();
    if (file.isEmpty() && Path.of("capstan.yaml").toFile().isFile()) {
      file = Optional.of(Path.of("capstan.yaml"));
    }
    Map<String, String> props = new LinkedHashMap<>();
    System.getProperties().forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v)));
    return new ConfigInputs(file, explicit, System.getenv(), props, flags);
  }

  public ConfigInputs withFile(Path path) {
    return new ConfigInputs(Optional.of(path), true, environment, systemProperties, flags);
  }

  public ConfigInputs withEnvironment(Map<String, String> env) {
    return new ConfigInputs(file, fileExplicit, env, systemProperties, flags);
  }

  public ConfigInputs withSystemProperties(Map<String, String> props) {
    return new ConfigInputs(file, fileExplicit, environment, props, flags);
  }

  public ConfigInputs withFlags(Map<String, String> newFlags) {
    return new ConfigInputs(file, fileExplicit, environment, systemProperties, newFlags);
  }
}
