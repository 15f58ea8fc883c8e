package io.capstan.spi.controller;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The identity of the primary object a reconcile is about: what sits in the work queue. Keys, not
 * objects, are queued, so that a burst of events for one object collapses into one reconcile that
 * reads the latest state.
 *
 * @param namespace the namespace, {@code ""} for cluster-scoped kinds
 * @param name the object's name, never empty
 */
// TODO(lead): replace with io.capstan.spi.api.ObjectKey once that package is merged.
public record ReconcileKey(String namespace, String name) {

  public ReconcileKey {
    requireNonNull(namespace, "namespace");
    requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("name must not be empty");
    }
  }

  /** The key of an object, from its metadata (a missing namespace becomes {@code ""}). */
  public static ReconcileKey of(HasMetadata object) {
    requireNonNull(object, "object");
    requireNonNull(object.getMetadata(), "object.metadata");
    String namespace = object.getMetadata().getNamespace();
    return new ReconcileKey(namespace == null ? "" : namespace, object.getMetadata().getName());
  }

  /** Kubernetes' key syntax: {@code namespace/name}, or {@code name} when cluster-scoped. */
  @Override
  public String toString() {
    return namespace.isEmpty() ? name : namespace + "/" + name;
  }
}
