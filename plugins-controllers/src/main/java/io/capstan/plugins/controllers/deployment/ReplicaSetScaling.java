package io.capstan.plugins.controllers.deployment;

import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.EventType;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.HashMap;
import java.util.Map;

/**
 * Kubernetes' {@code scaleReplicaSet}: sets a ReplicaSet's replicas and its desired-replicas and
 * max-replicas annotations (what proportional scaling reads back), with a {@code ScalingReplicaSet}
 * event on the Deployment. An update with the cached resourceVersion: a conflict propagates.
 */
final class ReplicaSetScaling {

  private ReplicaSetScaling() {}

  /** @return the written ReplicaSet, or the given one when nothing changed */
  static ReplicaSet scale(ReplicaSet rs, int replicas, Deployment d, ControllerContext ctx) {
    int current = Deployments.specReplicas(rs);
    String desired = String.valueOf(Deployments.replicas(d));
    String max = String.valueOf(Deployments.replicas(d) + Deployments.maxSurge(d));
    Map<String, String> annotations = rs.getMetadata().getAnnotations() == null ? Map.of() : rs.getMetadata().getAnnotations();
    boolean annotationsOk = desired.equals(annotations.get(Deployments.DESIRED_REPLICAS))
        && max.equals(annotations.get(Deployments.MAX_REPLICAS));
    if (current == replicas && annotationsOk) {
      return rs;
    }
    Map<String, String> next = new HashMap<>(annotations);
    next.put(Deployments.DESIRED_REPLICAS, desired);
    next.put(Deployments.MAX_REPLICAS, max);
    ReplicaSet written = ctx.client().resources(ReplicaSet.class).update(new ReplicaSetBuilder(rs)
        .editMetadata().withAnnotations(next).endMetadata()
        .editSpec().withReplicas(replicas).endSpec().build());
    if (current != replicas) {
      String direction = replicas > current ? "up" : "down";
      ctx.events().eventf(d, EventType.NORMAL, "ScalingReplicaSet", "Scaled %s replica set %s from %d to %d",
          direction, rs.getMetadata().getName(), current, replicas);
    }
    return written;
  }
}
