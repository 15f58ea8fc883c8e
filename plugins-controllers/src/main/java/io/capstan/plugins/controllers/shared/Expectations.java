package io.capstan.plugins.controllers.shared;

import io.capstan.spi.api.ObjectKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Kubernetes' controller expectations, by pod name: after creating or deleting pods a reconcile
 * waits until the informer has seen those changes before counting again, so a slow watch never
 * causes extra pods. Expectations older than five minutes are dropped, as Kubernetes does.
 */
public final class Expectations {

  public static final Duration TIMEOUT = Duration.ofMinutes(5);

  private record Pending(Set<String> created, Set<String> deleted, Instant since) {}

  private final Map<ObjectKey, Pending> pending = new ConcurrentHashMap<>();

  public void expect(ObjectKey key, Set<String> created, Set<String> deleted, Instant now) {
    if (!created.isEmpty() || !deleted.isEmpty()) {
      pending.put(key, new Pending(Set.copyOf(created), Set.copyOf(deleted), now));
    }
  }

  /** True when every expected change is visible in the cache ({@code cached} tests presence by name). */
  public boolean satisfied(ObjectKey key, Predicate<String> cached, Instant now) {
    Pending p = pending.get(key);
    if (p == null) {
      return true;
    }
    boolean seen = p.created.stream().allMatch(cached) && p.deleted.stream().noneMatch(cached);
    if (seen || now.isAfter(p.since.plus(TIMEOUT))) {
      pending.remove(key);
      return true;
    }
    return false;
  }

  public void forget(ObjectKey key) {
    pending.remove(key);
  }
}
