package io.capstan.spi.client;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * One page of a list.
 *
 * @param items the objects, owned by the caller, in the server's order (by namespace, then name)
 * @param resourceVersion the version of the snapshot the page was read from; watch from it to see
 *     every later change exactly once
 * @param continueToken {@code ""} on the last page; otherwise pass it through
 *     {@link ListOptions#next(ObjectList)} to read the next page of the same snapshot
 */
public record ObjectList<T extends HasMetadata>(
    List<T> items, String resourceVersion, String continueToken) {

  public ObjectList {
    items = List.copyOf(requireNonNull(items, "items"));
    requireNonNull(resourceVersion, "resourceVersion");
    requireNonNull(continueToken, "continueToken");
  }

  /** True when more pages follow this one. */
  public boolean hasMore() {
    return !continueToken.isEmpty();
  }
}
