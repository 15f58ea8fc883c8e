package io.capstan.plugins.controllers.nodelifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One token bucket (burst 1) per zone, as the node lifecycle controller's per-zone eviction
 * queues: at {@code qps} evictions per second, the next eviction of a zone is allowed
 * {@code 1/qps} after the previous one.
 */
final class ZoneEvictionLimiter {

  private final Duration interval;
  private final Map<String, Instant> next = new HashMap<>(); // guarded by this

  ZoneEvictionLimiter(double qps) {
    this.interval = Duration.ofNanos((long) (1_000_000_000L / qps));
  }

  /** Takes a token if one is there; otherwise how long until the next one. */
  synchronized Duration tryAcquire(String zone, Instant now) {
    Instant at = next.getOrDefault(zone, Instant.MIN);
    if (!now.isBefore(at)) {
      next.put(zone, now.plus(interval));
      return Duration.ZERO;
    }
    return Duration.between(now, at);
  }
}
