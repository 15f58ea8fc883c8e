package io.capstan.spi.api;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;
import java.util.Optional;

/**
 * Owner references as controllers and the garbage collector use them (apimachinery
 * {@code metav1.GetControllerOf}, {@code IsControlledBy}, {@code NewControllerRef}). Read-only on
 * the objects given; stateless and thread-safe.
 */
public final class OwnerReferences {

  private OwnerReferences() {}

  /** The owner reference with {@code controller: true}, if any (at most one is allowed). */
  public static Optional<OwnerReference> controllerOf(HasMetadata object) {
    return references(object).stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst();
  }

  /** Whether any owner reference of {@code object} points at the owner with uid {@code ownerUid}. */
  public static boolean isOwnedBy(HasMetadata object, String ownerUid) {
    requireNonNull(ownerUid, "ownerUid");
    return references(object).stream().anyMatch(r -> ownerUid.equals(r.getUid()));
  }

  /** Whether the controller reference of {@code object} points at the owner with uid {@code ownerUid}. */
  public static boolean isControlledBy(HasMetadata object, String ownerUid) {
    requireNonNull(ownerUid, "ownerUid");
    return controllerOf(object).map(r -> ownerUid.equals(r.getUid())).orElse(false);
  }

  /**
   * A controller reference to {@code owner}, with {@code controller} and {@code blockOwnerDeletion}
   * set, for the objects a controller creates (a ReplicaSet's pods, a Deployment's ReplicaSets).
   *
   * @param apiVersion the owner's apiVersion ({@code apps/v1}); passed explicitly because objects
   *     from typed caches may have it unset
   * @param kind the owner's kind ({@code ReplicaSet})
   * @throws IllegalArgumentException when the owner has no name or uid yet
   */
  public static OwnerReference newControllerRef(HasMetadata owner, String apiVersion, String kind) {
    requireNonNull(owner, "owner");
    requireNonNull(apiVersion, "apiVersion");
    requireNonNull(kind, "kind");
    if (owner.getMetadata() == null || owner.getMetadata().getName() == null || owner.getMetadata().getUid() == null) {
      throw new IllegalArgumentException("cannot reference a " + kind + " without metadata.name and metadata.uid;"
          + " create it first and use the stored object");
    }
    return new OwnerReferenceBuilder()
        .withApiVersion(apiVersion)
        .withKind(kind)
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  private static List<OwnerReference> references(HasMetadata object) {
    requireNonNull(object, "object");
    if (object.getMetadata() == null || object.getMetadata().getOwnerReferences() == null) {
      return List.of();
    }
    return object.getMetadata().getOwnerReferences();
  }
}
