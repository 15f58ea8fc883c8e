package io.capstan.plugins.controllers.deployment;

import io.capstan.spi.controller.ControllerContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes' {@code scale}: a Deployment resized while a rollout is in flight (or paused) spreads
 * the change over its active ReplicaSets in proportion to their sizes, using each ReplicaSet's
 * max-replicas annotation as the size it was scaled for; what rounding leaves over goes to the
 * largest. With one active ReplicaSet, that one takes the new size.
 */
final class ProportionalScaling {

  private ProportionalScaling() {}

  /** True when an active ReplicaSet was sized for another replica count (Kubernetes' {@code isScalingEvent}). */
  static boolean isScalingEvent(DeploymentState state) {
    int replicas = Deployments.replicas(state.deployment());
    return state.all().stream().filter(rs -> Deployments.specReplicas(rs) > 0)
        .anyMatch(rs -> Deployments.annotatedInt(rs, Deployments.DESIRED_REPLICAS).map(v -> v != replicas).orElse(false));
  }

  static DeploymentState scale(DeploymentState initial, ControllerContext ctx) {
    DeploymentState state = initial;
    Deployment d = state.deployment();
    int replicas = Deployments.replicas(d);
    List<ReplicaSet> active = state.all().stream().filter(rs -> Deployments.specReplicas(rs) > 0).toList();
    Optional<ReplicaSet> single = active.size() == 1 ? Optional.of(active.get(0))
        : active.isEmpty() ? initial.newRs().or(() -> initial.oldRs().stream().max(DeploymentState.OLDEST_FIRST))
        : Optional.empty();
    if (single.isPresent()) {
      return state.withReplaced(ReplicaSetScaling.scale(single.get(), replicas, d, ctx));
    }
    if (state.newRs().map(rs -> saturated(d, rs)).orElse(false)) {
      for (ReplicaSet old : state.activeOld()) {
        state = state.withReplaced(ReplicaSetScaling.scale(old, 0, d, ctx));
      }
      return state;
    }
    if (Deployments.recreate(d)) {
      return state;
    }
    int allowed = replicas > 0 ? replicas + Deployments.maxSurge(d) : 0;
    int toAdd = allowed - Deployments.sumSpec(active);
    List<ReplicaSet> sorted = new ArrayList<>(active);
    Comparator<ReplicaSet> bySize = Comparator.comparingInt(Deployments::specReplicas);
    sorted.sort(toAdd > 0 ? bySize.reversed().thenComparing(DeploymentState.OLDEST_FIRST.reversed())
        : bySize.reversed().thenComparing(DeploymentState.OLDEST_FIRST));
    Map<String, Integer> sizes = new HashMap<>();
    int added = 0;
    for (ReplicaSet rs : sorted) {
      int proportion = toAdd == 0 ? 0 : proportion(rs, d, toAdd, added);
      sizes.put(rs.getMetadata().getName(), Deployments.specReplicas(rs) + proportion);
      added += proportion;
    }
    if (toAdd != 0 && added != toAdd && !sorted.isEmpty()) {
      String first = sorted.get(0).getMetadata().getName();
      sizes.put(first, Math.max(0, sizes.get(first) + toAdd - added));
    }
    for (ReplicaSet rs : sorted) {
      state = state.withReplaced(ReplicaSetScaling.scale(rs, Math.max(0, sizes.get(rs.getMetadata().getName())), d, ctx));
    }
    return state;
  }

  /** Kubernetes' {@code IsSaturated}: the new ReplicaSet runs every replica, all available. */
  private static boolean saturated(Deployment d, ReplicaSet rs) {
    int replicas = Deployments.replicas(d);
    return Deployments.specReplicas(rs) == replicas
        && Deployments.annotatedInt(rs, Deployments.DESIRED_REPLICAS).map(v -> v == replicas).orElse(false)
        && Deployments.available(rs) == replicas;
  }

  /** Kubernetes' {@code GetProportion}. */
  private static int proportion(ReplicaSet rs, Deployment d, int toAdd, int added) {
    if (Deployments.specReplicas(rs) == 0 || toAdd == added) {
      return 0;
    }
    int fraction = fraction(rs, d);
    int allowed = toAdd - added;
    return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
  }

  /** Kubernetes' {@code getReplicaSetFraction}. */
  private static int fraction(ReplicaSet rs, Deployment d) {
    int replicas = Deployments.replicas(d);
    if (replicas == 0) {
      return -Deployments.specReplicas(rs);
    }
    int deploymentReplicas = replicas + Deployments.maxSurge(d);
    int annotated = Deployments.annotatedInt(rs, Deployments.MAX_REPLICAS)
        .orElse(d.getStatus() == null || d.getStatus().getReplicas() == null ? 0 : d.getStatus().getReplicas());
    if (annotated == 0) {
      return 0;
    }
    double newSize = (double) Deployments.specReplicas(rs) * deploymentReplicas / annotated;
    return (int) Math.round(newSize) - Deployments.specReplicas(rs);
  }
}
