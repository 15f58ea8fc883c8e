package io.capstan.runtime.apiserver.resource;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.apiserver.schema.KindSchemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.runtime.apiserver.errors.ApiErrors;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.api.ResourceKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the API server itself decides about an object on create and update, the part of
 * Kubernetes' per-kind "strategies" that every kind shares: identity and timestamps, generation,
 * and keeping status out of spec writes (and spec out of status writes) for kinds with a status
 * subresource.
 */
public final class ObjectStrategy {

  /** Kinds whose metadata.generation counts spec changes (Kubernetes sets it for these only). */
  private static final Set<String> GENERATION_KINDS = Set.of(
      "apps/Deployment", "apps/ReplicaSet", "apps/StatefulSet", "apps/DaemonSet", "/ReplicationController",
      "batch/Job", "batch/CronJob", "networking.k8s.io/Ingress", "networking.k8s.io/NetworkPolicy",
      "policy/PodDisruptionBudget", "apiextensions.k8s.io/CustomResourceDefinition",
      "autoscaling/HorizontalPodAutoscaler");

  private final Supplier<Instant> now;
  private final Supplier<String> uids;
  private final NameGenerator names;

  public ObjectStrategy(Supplier<Instant> now, Supplier<String> uids, NameGenerator names) {
    this.now = requireNonNull(now, "now");
    this.uids = requireNonNull(uids, "uids");
    this.names = requireNonNull(names, "names");
  }

  /** Fills identity, timestamps and generation of a new object; resets status where Kubernetes does. */
  public void prepareForCreate(ApiRequest request, HasMetadata object) {
    ResourceKind kind = request.kind();
    KindSchemas.prepare(kind, object);
    ObjectMeta meta = object.getMetadata();
    if (meta == null) {
      meta = new ObjectMeta();
      object.setMetadata(meta);
    }
    if (kind.namespaced()) {
      if (meta.getNamespace() != null && !meta.getNamespace().isEmpty() && !meta.getNamespace().equals(request.namespace())) {
        throw ApiErrors.badRequest("the namespace of the provided object does not match the namespace sent on the request");
      }
      meta.setNamespace(request.namespace());
    } else {
      meta.setNamespace(null);
    }
    if ((meta.getName() == null || meta.getName().isEmpty()) && meta.getGenerateName() != null && !meta.getGenerateName().isEmpty()) {
      meta.setName(names.generate(meta.getGenerateName()));
    }
    meta.setUid(uids.get());
    meta.setCreationTimestamp(timestamp(now.get()));
    meta.setResourceVersion(null);
    meta.setDeletionTimestamp(null);
    meta.setDeletionGracePeriodSeconds(null);
    meta.setGeneration(usesGeneration(kind) ? 1L : null);
    StatusResets.onCreate(kind, object);
  }

  /**
   * Carries what a spec write may not change over from {@code old}: identity, timestamps and, for
   * kinds with a status subresource, the status itself. Bumps generation when the spec changed.
   */
  public void prepareForUpdate(ApiRequest request, HasMetadata object, HasMetadata old) {
    KindSchemas.prepare(request.kind(), object);
    ObjectMeta meta = object.getMetadata();
    ObjectMeta was = old.getMetadata();
    meta.setUid(was.getUid());
    meta.setCreationTimestamp(was.getCreationTimestamp());
    meta.setDeletionTimestamp(was.getDeletionTimestamp());
    meta.setDeletionGracePeriodSeconds(was.getDeletionGracePeriodSeconds());
    meta.setNamespace(was.getNamespace());
    meta.setGenerateName(meta.getGenerateName() == null ? was.getGenerateName() : meta.getGenerateName());
    if (KindTraits.hasStatus(request.kind())) {
      // shared, as Kubernetes' strategies assign newObj.Status = oldObj.Status: {@code old} is the
      // update's private copy of the stored object
      StatusResets.setStatus(object, StatusResets.status(old), true);
    }
    if (usesGeneration(request.kind())) {
      long generation = was.getGeneration() == null ? 1 : was.getGeneration();
      meta.setGeneration(specChanged(object, old) ? generation + 1 : generation);
    } else {
      meta.setGeneration(was.getGeneration());
    }
  }

  /** The result of a status write: the old object with the new status and nothing else changed. */
  public HasMetadata prepareForStatusUpdate(HasMetadata object, HasMetadata old) {
    return prepareForStatusUpdate(object, old, () -> io.capstan.spi.api.DeepCopy.of(old), false);
  }

  /**
   * As {@link #prepareForStatusUpdate(HasMetadata, HasMetadata)}, with {@code copiesOfOld} giving a
   * private copy of the old object to build the result from.
   *
   * @param objectIsPrivate whether {@code object} belongs to this write alone, so its status may be
   *     taken over instead of copied
   */
  public HasMetadata prepareForStatusUpdate(HasMetadata object, HasMetadata old,
      java.util.function.Supplier<HasMetadata> copiesOfOld, boolean objectIsPrivate) {
    HasMetadata result = copiesOfOld.get();
    StatusResets.setStatus(result, StatusResets.status(object), objectIsPrivate);
    result.getMetadata().setResourceVersion(object.getMetadata().getResourceVersion());
    return result;
  }

  public Instant now() {
    return now.get();
  }

  public static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static boolean usesGeneration(ResourceKind kind) {
    return GENERATION_KINDS.contains(kind.group() + "/" + kind.kind()) || KindTraits.isCustom(kind);
  }

  /** Whether anything outside metadata and status differs: Kubernetes' "spec changed" test. */
  static boolean specChanged(HasMetadata a, HasMetadata b) {
    return !withoutMetaAndStatus(a).equals(withoutMetaAndStatus(b));
  }

  private static JsonNode withoutMetaAndStatus(HasMetadata object) {
    ObjectNode tree = KubeJson.mapper().valueToTree(object);
    tree.remove(List.of("metadata", "status", "apiVersion", "kind"));
    return tree;
  }
}
