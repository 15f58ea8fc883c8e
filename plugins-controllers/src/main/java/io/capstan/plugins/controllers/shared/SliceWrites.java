package io.capstan.plugins.controllers.shared;

import io.capstan.spi.api.ObjectKey;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The slices a controller wrote per owner (a Service; for the mirroring controller an Endpoints
 * object), until the informer's cache shows them (Kubernetes' {@code endpointSliceTracker}). A reconcile that reads a cache older than its own last writes would
 * create a second slice for the same endpoints, or resurrect a deleted one; it waits instead.
 */
public final class SliceWrites {

  private static final long DELETED = -1;

  /** Service → slice name → resourceVersion written, or {@link #DELETED}. */
  private final Map<ObjectKey, Map<String, Long>> written = new ConcurrentHashMap<>();

  public void wrote(ObjectKey service, EndpointSlice slice) {
    written.computeIfAbsent(service, k -> new ConcurrentHashMap<>())
        .put(slice.getMetadata().getName(), Long.parseLong(slice.getMetadata().getResourceVersion()));
  }

  public void deleted(ObjectKey service, EndpointSlice slice) {
    written.computeIfAbsent(service, k -> new ConcurrentHashMap<>()).put(slice.getMetadata().getName(), DELETED);
  }

  /** True while {@code cached} (the informer's slices of the Service) lacks one of our writes; forgets them once it has all. */
  public boolean stale(ObjectKey service, List<EndpointSlice> cached) {
    Map<String, Long> mine = written.get(service);
    if (mine == null) {
      return false;
    }
    for (Map.Entry<String, Long> write : mine.entrySet()) {
      EndpointSlice seen = cached.stream().filter(s -> s.getMetadata().getName().equals(write.getKey())).findFirst().orElse(null);
      boolean caughtUp = write.getValue() == DELETED ? seen == null
          : seen != null && Long.parseLong(seen.getMetadata().getResourceVersion()) >= write.getValue();
      if (!caughtUp) {
        return true;
      }
    }
    written.remove(service, mine);
    return false;
  }
}
