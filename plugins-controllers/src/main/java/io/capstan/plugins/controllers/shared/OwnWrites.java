package io.capstan.plugins.controllers.shared;

import io.capstan.spi.api.ObjectKey;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resourceVersion of a controller's own last write of each object, until its informer shows
 * it. A reconcile that reads the object from a cache older than its own write (a status it just
 * moved on) would act on counts it already changed; it asks {@link #stale} and waits for the
 * watch event of its write instead. One instance per controller; thread-safe.
 */
public final class OwnWrites {

  private final Map<ObjectKey, Long> written = new ConcurrentHashMap<>();

  /** Records a write; {@code stored} is the object the API returned. */
  public void wrote(ObjectKey key, HasMetadata stored) {
    version(stored).ifPresent(v -> written.merge(key, v, Math::max));
  }

  /** True while {@code cached} is older than this controller's last write of it; forgets the write once it is not. */
  public boolean stale(ObjectKey key, HasMetadata cached) {
    Long mine = written.get(key);
    if (mine == null) {
      return false;
    }
    if (version(cached).map(v -> v >= mine).orElse(true)) {
      written.remove(key, mine);
      return false;
    }
    return true;
  }

  /** Forgets an object (deleted). */
  public void forget(ObjectKey key) {
    written.remove(key);
  }

  private static java.util.Optional<Long> version(HasMetadata object) {
    try {
      return java.util.Optional.of(Long.parseLong(object.getMetadata().getResourceVersion()));
    } catch (RuntimeException opaque) {
      return java.util.Optional.empty(); // no or non-numeric version: nothing to compare
    }
  }
}
