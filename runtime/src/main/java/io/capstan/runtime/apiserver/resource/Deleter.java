package io.capstan.runtime.apiserver.resource;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.apiserver.admission.AdmissionChain;
import io.capstan.runtime.apiserver.errors.ApiErrors;
import io.capstan.runtime.apiserver.storage.ObjectStorage;
import io.capstan.spi.admission.AdmissionOperation;
import io.capstan.spi.client.DeleteOptions;
import io.capstan.spi.client.PropagationPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Deletion as Kubernetes does it: preconditions on uid and resourceVersion; graceful deletion (a
 * scheduled pod gets a deletionTimestamp and its grace period, and its node agent removes it);
 * finalizers keep an object, marked with deletionTimestamp, until the last one is removed; the
 * propagation policy is recorded as the {@code orphan} or {@code foregroundDeletion} finalizer for
 * the garbage collector, as Kubernetes does. A namespace whose {@code spec.finalizers} is not empty
 * is marked and set Terminating; it goes once the namespace controller has emptied it (through an
 * update or the {@code finalize} subresource).
 */
public final class Deleter {

  public static final String ORPHAN_FINALIZER = "orphan";
  public static final String FOREGROUND_FINALIZER = "foregroundDeletion";

  private final ObjectStorage storage;
  private final AdmissionChain admission;
  private final ObjectStrategy strategy;

  public Deleter(ObjectStorage storage, AdmissionChain admission, ObjectStrategy strategy) {
    this.storage = requireNonNull(storage, "storage");
    this.admission = requireNonNull(admission, "admission");
    this.strategy = requireNonNull(strategy, "strategy");
  }

  /** Deletes or marks the object; returns it as stored afterwards (or as it was, once gone). */
  public HasMetadata delete(ApiRequest request, DeleteOptions options) {
    HasMetadata current = storage.get(request.kind(), request.namespace(), request.name(), 0)
        .orElseThrow(() -> ApiErrors.notFound(request.kind(), request.name()));
    checkPreconditions(request, options, current);
    admission.admit(request.kind(), ResourceWrites.admissionRequest(AdmissionOperation.DELETE, request, null, current));
    long grace = gracePeriod(current, options);
    List<String> finalizers = new ArrayList<>(Objects.requireNonNullElse(current.getMetadata().getFinalizers(), List.of()));
    options.propagationPolicy().ifPresent(policy -> {
      if (policy == PropagationPolicy.ORPHAN && !finalizers.contains(ORPHAN_FINALIZER)) {
        finalizers.add(ORPHAN_FINALIZER);
      } else if (policy == PropagationPolicy.FOREGROUND && !finalizers.contains(FOREGROUND_FINALIZER)) {
        finalizers.add(FOREGROUND_FINALIZER);
      }
    });
    boolean namespaceFinalizing = namespaceFinalizersPending(current);
    if (finalizers.isEmpty() && grace == 0 && !namespaceFinalizing) {
      if (request.dryRun()) {
        return current;
      }
      String uid = current.getMetadata().getUid();
      return storage.delete(request.kind(), request.namespace(), request.name(),
          o -> uid.equals(o.getMetadata().getUid()));
    }
    if (request.dryRun()) {
      return current;
    }
    HasMetadata marked = storage.guaranteedUpdate(request.kind(), request.namespace(), request.name(), stored -> {
      ObjectMeta meta = stored.getMetadata();
      if (meta.getDeletionTimestamp() == null) {
        meta.setDeletionTimestamp(ObjectStrategy.timestamp(strategy.now().plusSeconds(grace)));
        meta.setDeletionGracePeriodSeconds(grace);
      } else if (meta.getDeletionGracePeriodSeconds() != null && grace < meta.getDeletionGracePeriodSeconds()) {
        // A shorter grace period may shorten a deletion in progress, never lengthen it.
        meta.setDeletionTimestamp(ObjectStrategy.timestamp(strategy.now().plusSeconds(grace)));
        meta.setDeletionGracePeriodSeconds(grace);
      }
      List<String> merged = new ArrayList<>(Objects.requireNonNullElse(meta.getFinalizers(), List.of()));
      for (String f : finalizers) {
        if (!merged.contains(f)) {
          merged.add(f);
          }
      }
      meta.setFinalizers(merged);
      if (stored instanceof Namespace namespace) {
        // Kubernetes: a namespace with spec.finalizers is only marked; the namespace controller empties it
        if (namespace.getStatus() == null) {
          namespace.setStatus(new NamespaceStatus());
        }
        namespace.getStatus().setPhase("Terminating");
      }
      return stored;
    });
    return finishIfReleased(request, marked);
  }

  /**
   * After an update: an object marked for deletion whose last finalizer is gone and whose grace
   * period is over (0) is removed now, as Kubernetes' registry does.
   */
  HasMetadata finishIfReleased(ApiRequest request, HasMetadata object) {
    ObjectMeta meta = object.getMetadata();
    boolean released = meta.getDeletionTimestamp() != null
        && (meta.getFinalizers() == null || meta.getFinalizers().isEmpty())
        && !namespaceFinalizersPending(object)
        && (meta.getDeletionGracePeriodSeconds() == null || meta.getDeletionGracePeriodSeconds() == 0);
    if (!released || request.dryRun()) {
      return object;
    }
    String version = meta.getResourceVersion();
    try {
      return storage.delete(request.kind(), request.namespace(), request.name(),
          o -> version.equals(o.getMetadata().getResourceVersion()));
    } catch (io.capstan.spi.client.NotFoundException alreadyGone) {
      return object;
    }
  }

  /** A namespace whose spec.finalizers (the namespace controller's {@code kubernetes}) are not yet empty. */
  static boolean namespaceFinalizersPending(HasMetadata object) {
    return object instanceof Namespace namespace && namespace.getSpec() != null
        && namespace.getSpec().getFinalizers() != null && !namespace.getSpec().getFinalizers().isEmpty();
  }

  private static void checkPreconditions(ApiRequest request, DeleteOptions options, HasMetadata current) {
    String uid = current.getMetadata().getUid();
    if (options.preconditionUid().isPresent() && !options.preconditionUid().get().equals(uid)) {
      throw ApiErrors.conflict(request.kind(), request.name(), "Precondition failed: UID in precondition: "
          + options.preconditionUid().get() + ", UID in object meta: " + uid);
    }
    String version = current.getMetadata().getResourceVersion();
    if (options.preconditionResourceVersion().isPresent() && !options.preconditionResourceVersion().get().equals(version)) {
      throw ApiErrors.conflict(request.kind(), request.name(), "Precondition failed: ResourceVersion in precondition: "
          + options.preconditionResourceVersion().get() + ", ResourceVersion in object meta: " + version);
    }
  }

  /**
   * Kubernetes' default grace periods: a pod bound to a node and still running gets its own
   * terminationGracePeriodSeconds (30 by default) so its node agent can stop it; everything else
   * is deleted at once unless the request asks otherwise.
   */
  static long gracePeriod(HasMetadata object, DeleteOptions options) {
    if (object instanceof Pod pod) {
      boolean scheduled = pod.getSpec() != null && pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty();
      String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
      boolean terminal = "Succeeded".equals(phase) || "Failed".equals(phase);
      if (!scheduled || terminal) {
        return 0;
      }
      if (options.gracePeriodSeconds().isPresent()) {
        return options.gracePeriodSeconds().getAsLong();
      }
      Long own = pod.getSpec().getTerminationGracePeriodSeconds();
      return own == null ? 30 : own;
    }
    return 0;
  }
}
