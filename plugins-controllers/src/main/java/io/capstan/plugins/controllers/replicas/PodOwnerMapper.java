package io.capstan.plugins.controllers.replicas;

import io.capstan.spi.api.LabelSelectorSpec;
import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.client.Lister;
import io.capstan.spi.controller.EventMapper;
import io.capstan.spi.controller.EventMappers;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Maps a pod event to the owners to reconcile, as Kubernetes' ReplicaSet handlers do: a controlled
 * pod wakes its controller (when it is of this kind); an orphan wakes every owner of this kind in
 * its namespace whose selector matches it, so one of them adopts it.
 */
public final class PodOwnerMapper {

  private PodOwnerMapper() {}

  public static <T extends HasMetadata> EventMapper<Pod> of(String ownerKind, Lister<T> owners,
      Function<T, LabelSelectorSpec> selector) {
    return forKind(ownerKind, owners, selector);
  }

  /** The same mapping for any dependent kind (a Deployment's ReplicaSets). */
  public static <D extends HasMetadata, T extends HasMetadata> EventMapper<D> forKind(String ownerKind, Lister<T> owners,
      Function<T, LabelSelectorSpec> selector) {
    EventMapper<D> controlled = EventMappers.controllerOwner(ownerKind);
    return pod -> {
      if (pod.getMetadata().getOwnerReferences() != null
          && pod.getMetadata().getOwnerReferences().stream().anyMatch(r -> Boolean.TRUE.equals(r.getController()))) {
        return controlled.map(pod);
      }
      if (pod.getMetadata().getDeletionTimestamp() != null) {
        return Set.of();
      }
      String namespace = pod.getMetadata().getNamespace() == null ? "" : pod.getMetadata().getNamespace();
      Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
      Set<ObjectKey> keys = new HashSet<>();
      for (T owner : owners.list(namespace)) {
        try {
          if (selector.apply(owner).matches(labels)) {
            keys.add(ObjectKey.of(owner));
          }
        } catch (IllegalArgumentException invalidSelector) {
          // an owner with an invalid selector adopts nothing
        }
      }
      return keys;
    };
  }
}
