package io.capstan.plugins.controllers.replicas;

import io.capstan.spi.api.LabelSelectorSpec;
import io.capstan.spi.api.OwnerReferences;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.NotFoundException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Kubernetes' {@code PodControllerRefManager.ClaimPods}: of the candidate pods, keeps those the owner
 * controls and its selector matches, adopts matching orphans (adding a controller reference with
 * {@code blockOwnerDeletion}), and releases pods it controls that no longer match (removing its
 * reference). Adoption first re-reads the owner from the server, once, so a deleted or replaced
 * owner never adopts. Writes are updates with the cached resourceVersion: a conflict propagates and
 * the owner is retried.
 */
final class PodClaimer {

  private PodClaimer() {}

  static List<Pod> claim(HasMetadata owner, String apiVersion, String kind, LabelSelectorSpec selector,
      List<Pod> candidates, ApiClient client, Supplier<Boolean> canAdopt) {
    String uid = owner.getMetadata().getUid();
    boolean ownerDeleting = owner.getMetadata().getDeletionTimestamp() != null;
    List<Pod> claimed = new ArrayList<>();
    Optional<Boolean> adoptable = Optional.empty();
    for (Pod pod : candidates) {
      Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
      Optional<OwnerReference> controller = OwnerReferences.controllerOf(pod);
      if (controller.isPresent()) {
        if (!uid.equals(controller.get().getUid())) {
          continue; // someone else's
        }
        if (selector.matches(labels)) {
          claimed.add(pod);
        } else if (!ownerDeleting) {
          release(pod, uid, client);
        }
        continue;
      }
      if (ownerDeleting || pod.getMetadata().getDeletionTimestamp() != null || !selector.matches(labels)) {
        continue;
      }
      if (adoptable.isEmpty()) {
        adoptable = Optional.of(canAdopt.get());
      }
      if (adoptable.get()) {
        adopt(pod, OwnerReferences.newControllerRef(owner, apiVersion, kind), client).ifPresent(claimed::add);
      }
    }
    return claimed;
  }

  private static Optional<Pod> adopt(Pod pod, OwnerReference ref, ApiClient client) {
    List<OwnerReference> refs = new ArrayList<>(pod.getMetadata().getOwnerReferences() == null ? List.of()
        : pod.getMetadata().getOwnerReferences());
    refs.add(ref);
    Pod copy = new PodBuilder(pod).editMetadata().withOwnerReferences(refs).endMetadata().build();
    try {
      return Optional.of(client.resources(Pod.class).update(copy));
    } catch (NotFoundException gone) {
      return Optional.empty();
    }
  }

  private static void release(Pod pod, String ownerUid, ApiClient client) {
    List<OwnerReference> refs = new ArrayList<>(pod.getMetadata().getOwnerReferences());
    refs.removeIf(r -> ownerUid.equals(r.getUid()));
    Pod copy = new PodBuilder(pod).editMetadata().withOwnerReferences(refs).endMetadata().build();
    try {
      client.resources(Pod.class).update(copy);
    } catch (NotFoundException gone) {
      // nothing to release
    }
  }
}
