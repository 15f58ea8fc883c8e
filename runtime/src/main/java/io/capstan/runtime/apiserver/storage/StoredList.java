package io.capstan.runtime.apiserver.storage;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * One page of a list read from the store.
 *
 * @param items decoded objects (new instances, owned by the caller), in key order
 * @param revision the snapshot revision: the list's resourceVersion
 * @param continueToken {@code ""} on the last page
 * @param remaining a lower bound of how many more objects match the range (Kubernetes'
 *     remainingItemCount), or -1 when unknown because a filter applies
 */
public record StoredList(List<HasMetadata> items, long revision, String continueToken, long remaining) {

  public StoredList {
    items = List.copyOf(items);
  }
}
