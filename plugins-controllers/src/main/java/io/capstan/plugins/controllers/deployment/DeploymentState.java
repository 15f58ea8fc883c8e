package io.capstan.plugins.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One Deployment and its ReplicaSets during a sync: the new one (whose template equals the
 * Deployment's) and the old ones. Replaced, not mutated, as ReplicaSets are written.
 */
record DeploymentState(Deployment deployment, Optional<ReplicaSet> newRs, List<ReplicaSet> oldRs) {

  DeploymentState {
    oldRs = List.copyOf(oldRs);
  }

  List<ReplicaSet> all() {
    List<ReplicaSet> out = new ArrayList<>(oldRs);
    newRs.ifPresent(out::add);
    return out;
  }

  /** Old ReplicaSets with pods wanted (Kubernetes' {@code FilterActiveReplicaSets}). */
  List<ReplicaSet> activeOld() {
    return oldRs.stream().filter(rs -> Deployments.specReplicas(rs) > 0).toList();
  }

  DeploymentState withReplaced(ReplicaSet written) {
    String name = written.getMetadata().getName();
    Optional<ReplicaSet> n = newRs.map(rs -> rs.getMetadata().getName().equals(name) ? written : rs);
    List<ReplicaSet> o = oldRs.stream().map(rs -> rs.getMetadata().getName().equals(name) ? written : rs).toList();
    return new DeploymentState(deployment, n, o);
  }

  /** Oldest first, by creation time then name (Kubernetes' {@code ReplicaSetsByCreationTimestamp}). */
  static final Comparator<ReplicaSet> OLDEST_FIRST = Comparator.comparing(Deployments::creation)
      .thenComparing(rs -> rs.getMetadata().getName());
}
