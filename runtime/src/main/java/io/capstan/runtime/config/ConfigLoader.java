package io.capstan.runtime.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.configuration2.MapConfiguration;
import org.apache.commons.configuration2.YAMLConfiguration;

/**
 * Reads the configuration sources into a {@link LayeredConfig} with Apache Commons Configuration:
 * the defaults resource, the YAML file, {@code CAPSTAN_*} environment variables, {@code
 * -Dcapstan.*} system properties and flags, in that order of precedence. Checks every key against a
 * {@link KeySpace} and reports all unknown keys at once, each with the nearest valid key.
 */
public final class ConfigLoader {

  /** The classpath resource holding every default of Capstan's own settings. */
  public static final String DEFAULTS_RESOURCE = "capstan-defaults.yaml";

  static final String ENV_PREFIX = "CAPSTAN_";
  static final String PROPERTY_PREFIX = "capstan.";

  /** Environment variables the launcher script reads itself; they are not settings. */
  static final Set<String> LAUNCHER_VARIABLES = Set.of("CAPSTAN_OPTS", "CAPSTAN_HOME", "CAPSTAN_JAVA", "CAPSTAN_DEBUG");

  private ConfigLoader() {}

  /** The keys set by the defaults resource: Capstan's own settings. */
  public static KeySpace coreKeySpace() {
    YAMLConfiguration defaults = readDefaults();
    List<String> keys = new ArrayList<>();
    defaults.getKeys().forEachRemaining(keys::add);
    // Settings whose values are structured lists (added by components as they arrive) are "open".
    return KeySpace.of(keys, List.of("node.pools"));
  }

  /**
   * Loads all layers. Unknown keys are not thrown here but returned by {@link
   * #unknownKeys(LayeredConfig, KeySpace)}, because the full key space is known only after plugin
   * discovery, which itself reads settings ({@code runtime.pluginsDir}).
   */
  public static LayeredConfig load(ConfigInputs inputs, KeySpace keySpace) {
    requireNonNull(inputs, "inputs");
    List<ConfigLayer> layers = new ArrayList<>();
    List<ConfigProblem> problems = new ArrayList<>();
    layers.add(new ConfigLayer(ConfigSource.DEFAULT, readDefaults(), Map.of(), ""));
    fileLayer(inputs).ifPresent(layers::add);

    Map<String, String> fromEnv = new LinkedHashMap<>();
    Map<String, String> envDetail = new LinkedHashMap<>();
    inputs.environment().entrySet().stream()
        .filter(e -> e.getKey().startsWith(ENV_PREFIX) && !LAUNCHER_VARIABLES.contains(e.getKey()))
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> {
          Optional<String> key = keySpace.keyForEnv(e.getKey());
          if (key.isPresent()) {
            fromEnv.put(key.get(), e.getValue());
            envDetail.put(key.get(), e.getKey());
          } else {
            String hint = keySpace.nearestEnv(e.getKey()).map(n -> "; did you mean " + n + "?").orElse("");
            problems.add(new ConfigProblem(e.getKey(), "environment", "unknown setting" + hint));
          }
        });
    layers.add(new ConfigLayer(ConfigSource.ENVIRONMENT, new MapConfiguration(fromEnv), envDetail, ""));

    Map<String, String> fromProps = new LinkedHashMap<>();
    Map<String, String> propDetail = new LinkedHashMap<>();
    inputs.systemProperties().forEach((name, value) -> {
      if (name.startsWith(PROPERTY_PREFIX)) {
        String key = name.substring(PROPERTY_PREFIX.length());
        fromProps.put(key, value);
        propDetail.put(key, "-D" + name);
      }
    });
    layers.add(new ConfigLayer(ConfigSource.SYSTEM_PROPERTY, new MapConfiguration(fromProps), propDetail, ""));

    Map<String, String> flagDetail = new LinkedHashMap<>();
    inputs.flags().keySet().forEach(k -> flagDetail.put(k, ""));
    layers.add(new ConfigLayer(ConfigSource.FLAG, new MapConfiguration(new LinkedHashMap<>(inputs.flags())), flagDetail, ""));
    return new LayeredConfig(layers, problems);
  }

  /** Every key set in the file, properties or flags that the key space does not know, plus load problems. */
  public static List<ConfigProblem> unknownKeys(LayeredConfig config, KeySpace keySpace) {
    List<ConfigProblem> problems = new ArrayList<>(config.loadProblems());
    for (ConfigSource source : List.of(ConfigSource.FILE, ConfigSource.SYSTEM_PROPERTY, ConfigSource.FLAG)) {
      for (ConfiguredValue value : config.setBy(source)) {
        if (!keySpace.isKnown(value.key())) {
          String hint = keySpace.nearest(value.key()).map(n -> "; did you mean '" + n + "'?").orElse("");
          problems.add(new ConfigProblem(value.key(), value.sourceDisplay(), "unknown setting" + hint));
        }
      }
    }
    return problems;
  }

  private static Optional<ConfigLayer> fileLayer(ConfigInputs inputs) {
    if (inputs.file().isEmpty()) {
      return Optional.empty();
    }
    Path path = inputs.file().get();
    if (!Files.isRegularFile(path)) {
      if (inputs.fileExplicit()) {
        throw ConfigurationException.of("--config", path.toString(), "file not found; pass the path of an existing YAML file");
      }
      return Optional.empty();
    }
    YAMLConfiguration yaml = new YAMLConfiguration();
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      yaml.read(reader);
    } catch (IOException | org.apache.commons.configuration2.ex.ConfigurationException | RuntimeException e) {
      throw ConfigurationException.of("--config", path.toString(), "not valid YAML: " + rootMessage(e));
    }
    return Optional.of(new ConfigLayer(ConfigSource.FILE, yaml, Map.of(), path.toString()));
  }

  private static YAMLConfiguration readDefaults() {
    YAMLConfiguration yaml = new YAMLConfiguration();
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the class path");
      }
      yaml.read(new InputStreamReader(in, StandardCharsets.UTF_8));
      return yaml;
    } catch (IOException | org.apache.commons.configuration2.ex.ConfigurationException e) {
      throw new IllegalStateException("cannot read " + DEFAULTS_RESOURCE, e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage()).replace('\n', ' ').replaceAll(" +", " ").trim();
  }
}
