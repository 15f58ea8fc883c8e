package io.capstan.plugins.controllers.garbagecollector;

import io.capstan.spi.plugin.InvalidConfigException;
import java.util.List;

/**
 * {@code controllers.garbagecollector.*}.
 *
 * @param workers concurrent garbage collector workers (kube-controller-manager's
 *     {@code --concurrent-gc-syncs}, 20); read by the controller manager
 * @param ignoredResources resources never collected nor watched, as {@code plural.group} or
 *     {@code plural} for the core group (Kubernetes ignores events)
 */
public record GarbageCollectorConfig(Integer workers, List<String> ignoredResources) {

  public GarbageCollectorConfig {
    workers = workers == null ? 20 : workers;
    ignoredResources = ignoredResources == null ? List.of("events", "events.events.k8s.io") : List.copyOf(ignoredResources);
    if (workers <= 0) {
      throw new InvalidConfigException("workers", "must be a positive number of workers, got " + workers);
    }
  }

  public static GarbageCollectorConfig defaults() {
    return new GarbageCollectorConfig(null, null);
  }
}
