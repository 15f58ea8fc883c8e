package io.capstan.plugins.controllers.deployment;

import io.capstan.spi.api.OwnerReferences;
import io.capstan.spi.client.AlreadyExistsException;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.EventType;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Kubernetes' {@code getAllReplicaSetsAndSyncRevision}: splits a Deployment's ReplicaSets into the
 * new one (template equal to the Deployment's, ignoring the hash label) and the old ones, gives the
 * new one the next revision (so a rollback to an old template makes that ReplicaSet the newest
 * revision), copies the Deployment's annotations to it, and creates it when asked and missing,
 * named {@code <deployment>-<pod-template-hash>}. A name taken by a ReplicaSet with another
 * template is a hash collision: {@code status.collisionCount} grows and the sync is retried.
 */
final class NewReplicaSets {

  private static final Set<String> NOT_COPIED = Set.of("kubectl.kubernetes.io/last-applied-configuration",
      Deployments.REVISION, Deployments.REVISION_HISTORY, Deployments.DESIRED_REPLICAS, Deployments.MAX_REPLICAS,
      "deprecated.deployment.rollback.to");

  /** Thrown after a hash collision was recorded: retry the sync. */
  static final class CollisionException extends RuntimeException {
    CollisionException(String message) {
      super(message);
    }
  }

  private NewReplicaSets() {}

  static DeploymentState resolve(Deployment d, List<ReplicaSet> owned, boolean create, ControllerContext ctx) {
    List<ReplicaSet> sorted = new ArrayList<>(owned);
    sorted.sort(DeploymentState.OLDEST_FIRST);
    PodTemplateSpec template = d.getSpec().getTemplate();
    Optional<ReplicaSet> found = sorted.stream()
        .filter(rs -> rs.getSpec() != null && TemplateHash.equalIgnoreHash(rs.getSpec().getTemplate(), template)).findFirst();
    List<ReplicaSet> old = sorted.stream().filter(rs -> found.map(f -> f != rs).orElse(true)).toList();
    long nextRevision = old.stream().mapToLong(Deployments::revision).max().orElse(0) + 1;
    Optional<ReplicaSet> newRs;
    if (found.isPresent()) {
      newRs = Optional.of(syncAnnotations(found.get(), d, nextRevision, ctx));
    } else if (create) {
      newRs = Optional.of(create(d, old, nextRevision, ctx));
    } else {
      newRs = Optional.empty();
    }
    Deployment current = d;
    if (newRs.isPresent()) {
      String revision = String.valueOf(Deployments.revision(newRs.get()));
      Map<String, String> annotations = d.getMetadata().getAnnotations() == null ? Map.of() : d.getMetadata().getAnnotations();
      if (!revision.equals(annotations.get(Deployments.REVISION))) {
        current = ctx.client().resources(Deployment.class).patch(d.getMetadata().getNamespace(), d.getMetadata().getName(),
            io.capstan.spi.client.PatchType.MERGE, "{\"metadata\":{\"annotations\":{\"" + Deployments.REVISION
                + "\":\"" + revision + "\"}}}");
      }
    }
    return new DeploymentState(current, newRs, old);
  }

  private static Map<String, String> copiedAnnotations(Deployment d, Map<String, String> base) {
    Map<String, String> out = new HashMap<>(base);
    if (d.getMetadata().getAnnotations() != null) {
      d.getMetadata().getAnnotations().forEach((k, v) -> {
        if (!NOT_COPIED.contains(k)) {
          out.put(k, v);
        }
      });
    }
    return out;
  }

  private static ReplicaSet syncAnnotations(ReplicaSet rs, Deployment d, long nextRevision, ControllerContext ctx) {
    Map<String, String> current = rs.getMetadata().getAnnotations() == null ? Map.of() : rs.getMetadata().getAnnotations();
    Map<String, String> next = copiedAnnotations(d, current);
    long revision = Deployments.revision(rs);
    if (revision < nextRevision) {
      next.put(Deployments.REVISION, String.valueOf(nextRevision));
      if (revision > 0) {
        String history = current.get(Deployments.REVISION_HISTORY);
        next.put(Deployments.REVISION_HISTORY, history == null || history.isEmpty() ? String.valueOf(revision)
            : history + "," + revision);
      }
    }
    next.putIfAbsent(Deployments.DESIRED_REPLICAS, String.valueOf(Deployments.replicas(d)));
    next.putIfAbsent(Deployments.MAX_REPLICAS, String.valueOf(Deployments.replicas(d) + Deployments.maxSurge(d)));
    boolean minReadyChanged = !Objects.equals(rs.getSpec().getMinReadySeconds() == null ? 0 : rs.getSpec().getMinReadySeconds(),
        Deployments.minReadySeconds(d));
    if (next.equals(current) && !minReadyChanged) {
      return rs;
    }
    return ctx.client().resources(ReplicaSet.class).update(new ReplicaSetBuilder(rs).editMetadata().withAnnotations(next)
        .endMetadata().editSpec().withMinReadySeconds(Deployments.minReadySeconds(d)).endSpec().build());
  }

  private static ReplicaSet create(Deployment d, List<ReplicaSet> old, long revision, ControllerContext ctx) {
    int collisions = d.getStatus() == null || d.getStatus().getCollisionCount() == null ? 0 : d.getStatus().getCollisionCount();
    String hash = TemplateHash.of(d.getSpec().getTemplate(), collisions);
    PodTemplateSpec template = new PodTemplateSpecBuilder(d.getSpec().getTemplate()).editOrNewMetadata()
        .addToLabels(TemplateHash.LABEL, hash).endMetadata().build();
    LabelSelector selector = new LabelSelectorBuilder(d.getSpec().getSelector()).addToMatchLabels(TemplateHash.LABEL, hash)
        .build();
    Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
    Map<String, String> annotations = copiedAnnotations(d, Map.of());
    annotations.put(Deployments.REVISION, String.valueOf(revision));
    annotations.put(Deployments.DESIRED_REPLICAS, String.valueOf(Deployments.replicas(d)));
    annotations.put(Deployments.MAX_REPLICAS, String.valueOf(Deployments.replicas(d) + Deployments.maxSurge(d)));
    DeploymentState without = new DeploymentState(d, Optional.empty(), old);
    int replicas = RollingUpdate.newReplicaCount(without, 0);
    ReplicaSet rs = new ReplicaSetBuilder().withNewMetadata().withNamespace(d.getMetadata().getNamespace())
        .withName(d.getMetadata().getName() + "-" + hash).withLabels(labels).withAnnotations(annotations)
        .withOwnerReferences(OwnerReferences.newControllerRef(d, "apps/v1", "Deployment")).endMetadata()
        .withNewSpec().withReplicas(replicas).withMinReadySeconds(Deployments.minReadySeconds(d))
        .withSelector(selector).withTemplate(template).endSpec().build();
    try {
      ReplicaSet created = ctx.client().resources(ReplicaSet.class).create(rs);
      if (replicas > 0) {
        ctx.events().eventf(d, EventType.NORMAL, "ScalingReplicaSet", "Scaled up replica set %s from 0 to %d",
            created.getMetadata().getName(), replicas);
      }
      return created;
    } catch (AlreadyExistsException taken) {
      Optional<ReplicaSet> existing = ctx.client().resources(ReplicaSet.class).get(d.getMetadata().getNamespace(),
          rs.getMetadata().getName());
      if (existing.isPresent() && OwnerReferences.isControlledBy(existing.get(), d.getMetadata().getUid())
          && TemplateHash.equalIgnoreHash(existing.get().getSpec().getTemplate(), d.getSpec().getTemplate())) {
        return existing.get(); // ours, the cache had not seen it yet
      }
      Deployment bumped = new DeploymentBuilder(d).editOrNewStatus().withCollisionCount(collisions + 1).endStatus().build();
      ctx.client().resources(Deployment.class).updateStatus(bumped);
      ctx.events().eventf(d, EventType.WARNING, "HashCollision", "Found a hash collision for deployment \"%s\" - bumping"
          + " collisionCount (%d->%d) to resolve it", d.getMetadata().getName(), collisions, collisions + 1);
      throw new CollisionException("hash collision on " + rs.getMetadata().getName());
    }
  }
}
