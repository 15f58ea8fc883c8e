package io.capstan.plugins.proxy.userspace;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.clock.Clock;
import io.capstan.spi.proxy.EndpointInfo;
import io.capstan.spi.proxy.ServiceInfo;
import io.capstan.spi.proxy.SessionAffinity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the endpoint of a new connection, as kube-proxy's userspace load balancer does:
 * round-robin over the usable endpoints, and with {@code sessionAffinity: ClientIP} the endpoint a
 * client used last, as long as it is still usable and the affinity has not timed out (each use
 * renews it). Only the proxy's selector thread calls it; the endpoint list is replaced on sync.
 */
final class EndpointPicker {

  private record Pin(EndpointInfo endpoint, long lastUsedNanos) {}

  private final Clock clock;
  private volatile List<EndpointInfo> endpoints = List.of();
  private volatile ServiceInfo info;
  private final Map<String, Pin> pins = new HashMap<>();
  private int next;

  EndpointPicker(Clock clock, ServiceInfo info) {
    this.clock = requireNonNull(clock, "clock");
    this.info = requireNonNull(info, "info");
  }

  /** Replaces the service and its usable endpoints; open connections are not touched. */
  void update(ServiceInfo info, List<EndpointInfo> usable) {
    this.info = requireNonNull(info, "info");
    this.endpoints = List.copyOf(usable);
  }

  List<EndpointInfo> endpoints() {
    return endpoints;
  }

  /**
   * The endpoint for a client, skipping those already tried for this connection; empty when none
   * is left.
   */
  Optional<EndpointInfo> pick(String clientIp, Set<EndpointInfo> tried) {
    List<EndpointInfo> current = endpoints;
    if (current.isEmpty()) {
      return Optional.empty();
    }
    long now = clock.nanoTime();
    boolean affinity = info.sessionAffinity() == SessionAffinity.CLIENT_IP;
    if (affinity) {
      Pin pin = pins.get(clientIp);
      if (pin != null && now - pin.lastUsedNanos() < info.affinityTimeout().toNanos()
          && current.contains(pin.endpoint()) && !tried.contains(pin.endpoint())) {
        pins.put(clientIp, new Pin(pin.endpoint(), now));
        return Optional.of(pin.endpoint());
      }
    }
    for (int i = 0; i < current.size(); i++) {
      EndpointInfo candidate = current.get(Math.floorMod(next++, current.size()));
      if (!tried.contains(candidate)) {
        if (affinity) {
          pins.put(clientIp, new Pin(candidate, now));
        }
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Forgets pins that have timed out, so the table does not grow with every client ever seen. */
  void expirePins() {
    long now = clock.nanoTime();
    long timeout = info.affinityTimeout().toNanos();
    pins.values().removeIf(pin -> now - pin.lastUsedNanos() >= timeout);
  }
}
