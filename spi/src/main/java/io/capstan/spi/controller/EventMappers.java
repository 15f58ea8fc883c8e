package io.capstan.spi.controller;

import io.capstan.spi.api.ObjectKey;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.List;
import java.util.Set;

/** The {@link EventMapper}s most controllers need. */
public final class EventMappers {

  private EventMappers() {}

  /** Maps a primary object to its own key. */
  public static <T extends HasMetadata> EventMapper<T> self() {
    return object -> Set.of(ObjectKey.of(object));
  }

  /**
   * Maps an owned object to the key of its managing controller: the ownerReference with
   * {@code controller: true} whose kind is {@code ownerKind} (for pods owned by a ReplicaSet:
   * {@code "ReplicaSet"}). Owners are in the owned object's namespace, as Kubernetes requires for
   * namespaced owners. Objects with no such reference map to nothing (orphans are adopted by the
   * controller's own reconcile of the owners whose selector matches, not here).
   */
  public static <T extends HasMetadata> EventMapper<T> controllerOwner(String ownerKind) {
    requireNonNull(ownerKind, "ownerKind");
    return object -> {
      List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
      if (refs == null) {
        return Set.of();
      }
      for (OwnerReference ref : refs) {
        if (Boolean.TRUE.equals(ref.getController()) && ownerKind.equals(ref.getKind())) {
          String namespace = object.getMetadata().getNamespace();
          return Set.of(new ObjectKey(namespace == null ? "" : namespace, ref.getName()));
        }
      }
      return Set.of();
    };
  }
}
