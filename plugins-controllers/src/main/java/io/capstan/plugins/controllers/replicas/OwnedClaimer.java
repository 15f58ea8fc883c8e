package io.capstan.plugins.controllers.replicas;

import io.capstan.spi.api.LabelSelectorSpec;
import io.capstan.spi.api.OwnerReferences;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.client.ResourceClient;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Kubernetes' {@code BaseControllerRefManager.ClaimObject} for any dependent kind: of the candidates,
 * keeps those the owner controls and its selector matches, adopts matching orphans (a controller
 * reference with {@code blockOwnerDeletion}), and releases controlled objects that no longer match.
 * Adoption first re-reads the owner, once ({@code canAdopt}), so a deleted or replaced owner never
 * adopts. Writes are updates with the cached resourceVersion: a conflict propagates and the owner is
 * retried.
 */
public final class OwnedClaimer {

  private OwnedClaimer() {}

  /**
   * @param withRefs a copy of a dependent with these owner references
   */
  public static <T extends HasMetadata> List<T> claim(HasMetadata owner, String apiVersion, String kind,
      LabelSelectorSpec selector, List<T> candidates, ResourceClient<T> client,
      BiFunction<T, List<OwnerReference>, T> withRefs, Supplier<Boolean> canAdopt) {
    String uid = owner.getMetadata().getUid();
    boolean ownerDeleting = owner.getMetadata().getDeletionTimestamp() != null;
    List<T> claimed = new ArrayList<>();
    Optional<Boolean> adoptable = Optional.empty();
    for (T object : candidates) {
      Map<String, String> labels = object.getMetadata().getLabels() == null ? Map.of() : object.getMetadata().getLabels();
      List<OwnerReference> refs = object.getMetadata().getOwnerReferences() == null ? List.of()
          : object.getMetadata().getOwnerReferences();
      Optional<OwnerReference> controller = OwnerReferences.controllerOf(object);
      if (controller.isPresent()) {
        if (!uid.equals(controller.get().getUid())) {
          continue;
        }
        if (selector.matches(labels)) {
          claimed.add(object);
        } else if (!ownerDeleting) {
          List<OwnerReference> rest = new ArrayList<>(refs);
          rest.removeIf(r -> uid.equals(r.getUid()));
          write(client, withRefs.apply(object, rest));
        }
        continue;
      }
      if (ownerDeleting || object.getMetadata().getDeletionTimestamp() != null || !selector.matches(labels)) {
        continue;
      }
      if (adoptable.isEmpty()) {
        adoptable = Optional.of(canAdopt.get());
      }
      if (adoptable.get()) {
        List<OwnerReference> more = new ArrayList<>(refs);
        more.add(OwnerReferences.newControllerRef(owner, apiVersion, kind));
        write(client, withRefs.apply(object, more)).ifPresent(claimed::add);
      }
    }
    return claimed;
  }

  private static <T extends HasMetadata> Optional<T> write(ResourceClient<T> client, T object) {
    try {
      return Optional.of(client.update(object));
    } catch (NotFoundException gone) {
      return Optional.empty();
    }
  }
}
