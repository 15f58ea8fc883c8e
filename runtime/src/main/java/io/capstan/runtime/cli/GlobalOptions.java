package io.capstan.runtime.cli;

import io.capstan.runtime.config.ConfigInputs;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command accepts: where the configuration comes from and how errors are shown. */
public final class GlobalOptions {

  @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "YAML configuration file (default: ./capstan.yaml when it exists)")
  Path config;

  @Option(names = "--set", paramLabel = "KEY=VALUE", scope = ScopeType.INHERIT,
      description = "Set any configuration key, e.g. --set store.plugin=memory (repeatable)")
  Map<String, String> set = new LinkedHashMap<>();

  @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces and debug logs")
  boolean debug;

  /** The configuration inputs of this process, with {@code extraFlags} (from command flags) on top of {@code --set}. */
  ConfigInputs inputs(Map<String, String> extraFlags) {
    Map<String, String> flags = new LinkedHashMap<>(set);
    flags.putAll(extraFlags);
    return ConfigInputs.fromProcess(Optional.ofNullable(config), flags);
  }
}
