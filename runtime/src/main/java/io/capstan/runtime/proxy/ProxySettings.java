package io.capstan.runtime.proxy;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.config.ConfigurationException;
import io.capstan.runtime.config.LayeredConfig;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The proxy host's own settings, beside {@code proxy.mode} and the mode's {@code proxy.<mode>.*}.
 *
 * @param minSyncPeriod at most one sync per this period ({@code proxy.minSyncPeriod}, default 1 s,
 *     kube-proxy's {@code --iptables-min-sync-period})
 * @param syncPeriod at least one full sync per this period ({@code proxy.syncPeriod}, default 30 s)
 * @param nodeName the node this proxy serves ({@code proxy.nodeName}, default {@code ""})
 */
public record ProxySettings(Duration minSyncPeriod, Duration syncPeriod, String nodeName) {

  public ProxySettings {
    requireNonNull(minSyncPeriod, "minSyncPeriod");
    requireNonNull(syncPeriod, "syncPeriod");
    requireNonNull(nodeName, "nodeName");
    if (minSyncPeriod.isNegative()) {
      throw new IllegalArgumentException("proxy.minSyncPeriod must not be negative, got " + minSyncPeriod);
    }
    if (syncPeriod.isZero() || syncPeriod.isNegative()) {
      throw new IllegalArgumentException("proxy.syncPeriod must be positive, got " + syncPeriod);
    }
  }

  public static ProxySettings defaults() {
    return new ProxySettings(Duration.ofSeconds(1), Duration.ofSeconds(30), "");
  }

  /** Reads {@code proxy.minSyncPeriod}, {@code proxy.syncPeriod} and {@code proxy.nodeName}. */
  public static ProxySettings from(LayeredConfig config) {
    ProxySettings d = defaults();
    return new ProxySettings(duration(config, "proxy.minSyncPeriod", d.minSyncPeriod()),
        duration(config, "proxy.syncPeriod", d.syncPeriod()),
        config.get("proxy.nodeName").map(v -> String.valueOf(v.value())).orElse(d.nodeName()));
  }

  private static Duration duration(LayeredConfig config, String key, Duration fallback) {
    return config.get(key).map(v -> parse(config, key, String.valueOf(v.value()))).orElse(fallback);
  }

  /** {@code 1s}, {@code 500ms}, {@code 2m}, or an ISO-8601 duration ({@code PT1S}). */
  public static Duration parse(LayeredConfig config, String key, String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      if (t.endsWith("s") && !t.startsWith("p")) {
        return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      if (t.endsWith("m") && !t.startsWith("p")) {
        return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
    } catch (NumberFormatException | DateTimeParseException e) {
      throw ConfigurationException.of(key, config.where(key),
          "cannot use value '" + text + "': expected a duration such as 1s, 500ms or 2m");
    }
  }
}
