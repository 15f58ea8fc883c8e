package io.capstan.runtime.controllers;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.config.ConfigBinder;
import io.capstan.runtime.config.ConfigurationException;
import io.capstan.runtime.config.LayeredConfig;
import io.capstan.spi.plugin.DurationDeserializer;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The controller manager's own settings.
 *
 * @param resyncPeriod how often every primary object of each controller is queued again
 *     ({@code controllers.resyncPeriod}, default 10m; 0 turns it off)
 * @param leaderElection {@code controllers.leaderElection.*}
 * @param workers workers per controller name ({@code controllers.<name>.workers}); a controller not
 *     listed uses its {@code defaultWorkers()}
 */
public record ControllerManagerSettings(Duration resyncPeriod, LeaderElectionSettings leaderElection,
    Map<String, Integer> workers) {

  public static final Duration DEFAULT_RESYNC = Duration.ofMinutes(10);

  public ControllerManagerSettings {
    requireNonNull(resyncPeriod, "resyncPeriod");
    requireNonNull(leaderElection, "leaderElection");
    workers = Map.copyOf(requireNonNull(workers, "workers"));
    if (resyncPeriod.isNegative()) {
      throw new IllegalArgumentException("controllers.resyncPeriod must be 0 (off) or positive, got " + resyncPeriod);
    }
    workers.forEach((name, n) -> {
      if (n <= 0) {
        throw new IllegalArgumentException("controllers." + name + ".workers must be positive, got " + n);
      }
    });
  }

  /** No leader election, default resync, default workers: what tests and single processes use. */
  public static ControllerManagerSettings standalone() {
    return new ControllerManagerSettings(DEFAULT_RESYNC, LeaderElectionSettings.disabled(), Map.of());
  }

  public ControllerManagerSettings withLeaderElection(LeaderElectionSettings election) {
    return new ControllerManagerSettings(resyncPeriod, election, workers);
  }

  public ControllerManagerSettings withResyncPeriod(Duration period) {
    return new ControllerManagerSettings(period, leaderElection, workers);
  }

  public ControllerManagerSettings withWorkers(String controller, int count) {
    Map<String, Integer> more = new HashMap<>(workers);
    more.put(controller, count);
    return new ControllerManagerSettings(resyncPeriod, leaderElection, more);
  }

  /** Reads the settings from the configuration, for the controllers {@code names}. */
  public static ControllerManagerSettings from(LayeredConfig config, Collection<String> names) {
    Duration resync = config.get("controllers.resyncPeriod")
        .map(v -> parseDuration("controllers.resyncPeriod", String.valueOf(v.value()), config))
        .orElse(DEFAULT_RESYNC);
    LeaderElectionSettings election =
        new ConfigBinder().bind(config, "controllers.leaderElection", LeaderElectionSettings.class);
    Map<String, Integer> workers = new HashMap<>();
    for (String name : names) {
      Optional<String> value = config.get("controllers." + name + ".workers").map(v -> String.valueOf(v.value()));
      if (value.isPresent() && !value.get().isBlank() && !value.get().equals("null")) {
        try {
          workers.put(name, Integer.parseInt(value.get().trim()));
        } catch (NumberFormatException e) {
          throw ConfigurationException.of("controllers." + name + ".workers", config.where("controllers." + name + ".workers"),
              "must be a positive whole number of workers, got '" + value.get() + "'");
        }
      }
    }
    return new ControllerManagerSettings(resync, election, workers);
  }

  private static Duration parseDuration(String key, String text, LayeredConfig config) {
    try {
      return text.equals("0") ? Duration.ZERO : DurationDeserializer.parse(text);
    } catch (IllegalArgumentException e) {
      throw ConfigurationException.of(key, config.where(key), "must be a duration such as 10m or 30s, got '" + text + "'");
    }
  }
}
