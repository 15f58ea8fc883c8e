package io.capstan.plugins.node.process;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.capstan.spi.api.Quantities;
import io.capstan.spi.plugin.InvalidConfigException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code process} runtime's settings, bound from {@code node.process.*}. A null component (key
 * absent) means the default.
 *
 * @param dataDir where pod directories (logs, working directories) and the record of running
 *     processes live; default {@code data/process}, relative to the working directory
 * @param hostAddress the pod IP every sandbox reports (processes share the host's network);
 *     default {@code 127.0.0.1}
 * @param maxLogBytes a container log file is rotated once it grows past this size, a quantity
 *     ({@code 10Mi}, default) or a number of bytes; the kubelet's {@code containerLogMaxSize}
 * @param maxLogFiles how many files one container instance keeps, the current one included;
 *     default 5, at least 2; the kubelet's {@code containerLogMaxFiles}
 * @param logFlushInterval how often container output is read from its pipes, time-stamped and
 *     appended to the log (and to followers); default {@code 100ms}
 * @param closeGracePeriod when the runtime closes, how long still-running processes get between
 *     SIGTERM and SIGKILL; default {@code 2s}
 */
public record ProcessRuntimeConfig(String dataDir, String hostAddress, String maxLogBytes,
    Integer maxLogFiles, Duration logFlushInterval, Duration closeGracePeriod) {

  public static final String DEFAULT_DATA_DIR = "data/process";

  public ProcessRuntimeConfig {
    dataDir = dataDir == null || dataDir.isBlank() ? DEFAULT_DATA_DIR : dataDir.trim();
    hostAddress = hostAddress == null || hostAddress.isBlank() ? "127.0.0.1" : hostAddress.trim();
    checkAddress(hostAddress);
    maxLogBytes = maxLogBytes == null || maxLogBytes.isBlank() ? "10Mi" : maxLogBytes.trim();
    if (parseBytes(maxLogBytes) < 1024) {
      throw new InvalidConfigException("maxLogBytes", "must be at least 1024 bytes, was " + maxLogBytes);
    }
    maxLogFiles = maxLogFiles == null ? 5 : maxLogFiles;
    if (maxLogFiles < 2) {
      throw new InvalidConfigException("maxLogFiles", "must be at least 2 (the current file and one"
          + " rotated), was " + maxLogFiles);
    }
    logFlushInterval = logFlushInterval == null ? Duration.ofMillis(100) : logFlushInterval;
    if (logFlushInterval.isNegative() || logFlushInterval.isZero()) {
      throw new InvalidConfigException("logFlushInterval", "must be positive, e.g. 100ms");
    }
    closeGracePeriod = closeGracePeriod == null ? Duration.ofSeconds(2) : closeGracePeriod;
    if (closeGracePeriod.isNegative()) {
      throw new InvalidConfigException("closeGracePeriod", "must not be negative");
    }
  }

  /** Every setting at its default. */
  public static ProcessRuntimeConfig defaults() {
    return new ProcessRuntimeConfig(null, null, null, null, null, null);
  }

  /** The defaults with another data directory; handy in tests. */
  public static ProcessRuntimeConfig at(Path dataDir) {
    return new ProcessRuntimeConfig(dataDir.toString(), null, null, null, null, null);
  }

  /** The data directory, resolved against the working directory when relative. */
  @JsonIgnore
  public Path dataPath() {
    return Path.of(dataDir).toAbsolutePath();
  }

  /** The rotation size in bytes. */
  @JsonIgnore
  public long maxLogByteCount() {
    return parseBytes(maxLogBytes);
  }

  private static long parseBytes(String text) {
    try {
      return Quantities.parse(text).value();
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException("maxLogBytes", "'" + text + "' is not a size; write a"
          + " quantity such as 10Mi, or a number of bytes");
    }
  }

  private static void checkAddress(String address) {
    if (!address.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      throw new InvalidConfigException("hostAddress", "'" + address + "' is not an IP address");
    }
    try {
      InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new InvalidConfigException("hostAddress", "'" + address + "' is not an IP address");
    }
  }
}
