package io.capstan.runtime.kernel;

import io.capstan.spi.plugin.InvalidConfigException;
import java.time.Duration;

/**
 * Capstan's own settings under {@code runtime.*}, bound and validated like a plugin's.
 *
 * @param clock the clock plugin ({@code wall} or {@code virtual})
 * @param pluginsDir the folder whose jars are searched for plugins, relative to the launcher's home
 * @param dataDir where the embedded store and generated files live
 * @param shutdownTimeout how long a graceful stop may take before it is abandoned
 */
public record RuntimeSettings(String clock, String pluginsDir, String dataDir, Duration shutdownTimeout) {

  public RuntimeSettings {
    if (clock == null || clock.isBlank()) {
      throw new InvalidConfigException("clock", "name a clock plugin, e.g. wall or virtual");
    }
    if (pluginsDir == null || pluginsDir.isBlank()) {
      throw new InvalidConfigException("pluginsDir", "name a folder, e.g. plugins");
    }
    if (dataDir == null || dataDir.isBlank()) {
      throw new InvalidConfigException("dataDir", "name a folder, e.g. data");
    }
    if (shutdownTimeout == null || shutdownTimeout.isNegative() || shutdownTimeout.isZero()) {
      throw new InvalidConfigException("shutdownTimeout", "must be a positive duration such as 10s");
    }
  }
}
