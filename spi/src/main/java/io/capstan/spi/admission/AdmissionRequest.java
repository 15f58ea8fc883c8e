package io.capstan.spi.admission;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.auth.UserInfo;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Optional;

/**
 * One write, as admission plugins see it.
 *
 * @param operation what is being done
 * @param group the API group of the kind ({@code ""} for core)
 * @param version the API version ({@code v1})
 * @param kind the kind ({@code Pod})
 * @param resource the plural resource ({@code pods})
 * @param subresource {@code status}, {@code binding}, ... or {@code ""}
 * @param namespace the object's namespace, {@code ""} for cluster-scoped kinds
 * @param name the object's name; may be {@code ""} on CREATE with {@code generateName}
 * @param object the new object: present for CREATE and UPDATE (and CONNECT's options object when
 *     there is one), empty for DELETE. Mutating plugins receive the request's own private copy and
 *     change it in place; validating plugins must treat it as read-only.
 * @param oldObject the stored object: present for UPDATE and DELETE, empty otherwise; read-only
 * @param user who is asking (with {@code system:authenticated} added)
 * @param dryRun true when nothing will be stored; plugins with side effects (quota reservations)
 *     must skip them
 */
public record AdmissionRequest(
    AdmissionOperation operation,
    String group,
    String version,
    String kind,
    String resource,
    String subresource,
    String namespace,
    String name,
    Optional<HasMetadata> object,
    Optional<HasMetadata> oldObject,
    UserInfo user,
    boolean dryRun) {

  public AdmissionRequest {
    requireNonNull(operation, "operation");
    requireNonNull(group, "group");
    requireNonNull(version, "version");
    requireNonNull(kind, "kind");
    requireNonNull(resource, "resource");
    requireNonNull(subresource, "subresource");
    requireNonNull(namespace, "namespace");
    requireNonNull(name, "name");
    requireNonNull(object, "object");
    requireNonNull(oldObject, "oldObject");
    requireNonNull(user, "user");
    switch (operation) {
      case CREATE -> requireShape(object.isPresent() && oldObject.isEmpty(), "CREATE has an object and no old object");
      case UPDATE -> requireShape(object.isPresent() && oldObject.isPresent(), "UPDATE has an object and an old object");
      case DELETE -> requireShape(object.isEmpty() && oldObject.isPresent(), "DELETE has an old object and no object");
      case CONNECT -> { }
    }
  }

  private static void requireShape(boolean ok, String rule) {
    if (!ok) {
      throw new IllegalArgumentException(rule);
    }
  }

  /** {@code group/version, Kind=kind} as Kubernetes prints it, e.g. {@code apps/v1, Kind=Deployment}. */
  public String groupVersionKind() {
    return (group.isEmpty() ? version : group + "/" + version) + ", Kind=" + kind;
  }

  /** The new object (CREATE, UPDATE). */
  public HasMetadata requireObject() {
    return object.orElseThrow(() -> new IllegalStateException(operation + " has no object"));
  }
}
