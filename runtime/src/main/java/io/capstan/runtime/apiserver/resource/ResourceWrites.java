package io.capstan.runtime.apiserver.resource;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.apiserver.admission.AdmissionChain;
import io.capstan.runtime.apiserver.errors.ApiErrors;
import io.capstan.runtime.apiserver.storage.ObjectStorage;
import io.capstan.spi.admission.AdmissionOperation;
import io.capstan.spi.admission.AdmissionRequest;
import io.capstan.spi.api.DeepCopy;
import io.capstan.spi.api.ResourceKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Creates and updates, each through the same path: the strategy fills what the server decides,
 * the admission chain mutates and validates, and the store applies the write with optimistic
 * concurrency. A refused request changes nothing; a dry run stops before the store.
 */
public final class ResourceWrites {

  private final ObjectStorage storage;
  private final AdmissionChain admission;
  private final ObjectStrategy strategy;
  private final Deleter deleter;
  private final WriteHooks hooks;

  public ResourceWrites(ObjectStorage storage, AdmissionChain admission, ObjectStrategy strategy, Deleter deleter) {
    this(storage, admission, strategy, deleter, WriteHooks.NONE);
  }

  public ResourceWrites(ObjectStorage storage, AdmissionChain admission, ObjectStrategy strategy, Deleter deleter,
      WriteHooks hooks) {
    this.hooks = requireNonNull(hooks, "hooks");
    this.storage = requireNonNull(storage, "storage");
    this.admission = requireNonNull(admission, "admission");
    this.strategy = requireNonNull(strategy, "strategy");
    this.deleter = requireNonNull(deleter, "deleter");
  }

  /** POST: 409 AlreadyExists when the name is taken. */
  public HasMetadata create(ApiRequest request, HasMetadata object) {
    requireMetadata(object);
    strategy.prepareForCreate(request, object);
    if (object.getMetadata().getName() == null || object.getMetadata().getName().isEmpty()) {
      throw ApiErrors.badRequest("name or generateName is required");
    }
    Runnable undo = hooks.beforeCreate(request, object);
    try {
      admission.admit(request.kind(), admissionRequest(AdmissionOperation.CREATE, request, object, null));
      if (request.dryRun()) {
        undo.run();
        return object;
      }
      return storage.create(request.kind(), object);
    } catch (RuntimeException failed) {
      undo.run();
      throw failed;
    }
  }

  /**
   * PUT: replaces the object. A resourceVersion in {@code object} must match the stored one (409
   * Conflict otherwise); without one the update is unconditional, as Kubernetes allows.
   */
  public HasMetadata update(ApiRequest request, HasMetadata object) {
    requireMetadata(object);
    checkName(request, object);
    return write(request, (current, copies) -> {
      HasMetadata next = DeepCopy.of(object);
      checkVersion(request.kind(), next, current);
      strategy.prepareForUpdate(request, next, current);
      hooks.beforeUpdate(request, next, current);
      return next;
    });
  }

  /** PUT on the status subresource: only status changes. */
  public HasMetadata updateStatus(ApiRequest request, HasMetadata object) {
    requireMetadata(object);
    checkName(request, object);
    return write(request, (current, copies) -> {
      checkVersion(request.kind(), object, current);
      return strategy.prepareForStatusUpdate(object, current, copies, false);
    });
  }

  /**
   * An update computed from the stored object, for patches and subresources: {@code change}
   * receives a private copy of the current object and returns the desired one (resourceVersion in
   * the result is checked like a PUT's).
   */
  public HasMetadata modify(ApiRequest request, boolean statusOnly, UnaryOperator<HasMetadata> change) {
    return write(request, (current, copies) -> {
      HasMetadata next = change.apply(copies.get());
      checkVersion(request.kind(), next, current);
      if (statusOnly) {
        return strategy.prepareForStatusUpdate(next, current, copies, true);
      }
      strategy.prepareForUpdate(request, next, current);
      hooks.beforeUpdate(request, next, current);
      return next;
    });
  }

  /**
   * A server-side update that sets spec and status together, as Kubernetes' binding storage sets
   * {@code spec.nodeName} and the {@code PodScheduled} condition in one write: like
   * {@link #modify} with {@code statusOnly} false, except that the status {@code change} returns is
   * kept instead of the stored one.
   */
  public HasMetadata modifyWithStatus(ApiRequest request, UnaryOperator<HasMetadata> change) {
    return write(request, (current, copies) -> {
      HasMetadata next = change.apply(copies.get());
      checkVersion(request.kind(), next, current);
      Object status = StatusResets.status(next);
      strategy.prepareForUpdate(request, next, current);
      StatusResets.setStatus(next, status, true);
      hooks.beforeUpdate(request, next, current);
      return next;
    });
  }

  private HasMetadata write(ApiRequest request, ObjectStorage.CopyingUpdateFunction prepare) {
    if (request.dryRun()) {
      HasMetadata current = storage.get(request.kind(), request.namespace(), request.name(), 0)
          .orElseThrow(() -> ApiErrors.notFound(request.kind(), request.name()));
      HasMetadata pristine = DeepCopy.of(current);
      HasMetadata next = prepare.apply(current, () -> DeepCopy.of(pristine));
      admission.admit(request.kind(), admissionRequest(AdmissionOperation.UPDATE, request, next, current));
      return next;
    }
    // The storage skips the write when the result encodes to the stored bytes (a no-op update).
    HasMetadata written = storage.guaranteedUpdate(request.kind(), request.namespace(), request.name(),
        (current, copies) -> {
          HasMetadata next = prepare.apply(current, copies);
          admission.admit(request.kind(), admissionRequest(AdmissionOperation.UPDATE, request, next, current));
          next.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
          return next;
        });
    return deleter.finishIfReleased(request, written);
  }

  private static void checkVersion(ResourceKind kind, HasMetadata next, HasMetadata current) {
    String wanted = next.getMetadata().getResourceVersion();
    if (wanted != null && !wanted.isEmpty() && !wanted.equals(current.getMetadata().getResourceVersion())) {
      throw ApiErrors.modified(kind, current.getMetadata().getName());
    }
  }

  private static void checkName(ApiRequest request, HasMetadata object) {
    String name = object.getMetadata().getName();
    if (name == null || name.isEmpty()) {
      object.getMetadata().setName(request.name());
    } else if (!name.equals(request.name())) {
      throw ApiErrors.badRequest("the name of the object (" + name + ") does not match the name on the URL (" + request.name() + ")");
    }
  }

  private static void requireMetadata(HasMetadata object) {
    if (object.getMetadata() == null) {
      object.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
    }
  }

  static AdmissionRequest admissionRequest(AdmissionOperation op, ApiRequest request, HasMetadata object, HasMetadata old) {
    ResourceKind kind = request.kind();
    String name = object != null ? object.getMetadata().getName() : old.getMetadata().getName();
    return new AdmissionRequest(op, kind.group(), kind.version(), kind.kind(), kind.plural(), request.subresource(),
        request.namespace(), name == null ? "" : name, Optional.ofNullable(object), Optional.ofNullable(old),
        request.user(), request.dryRun());
  }
}
