package io.capstan.plugins.controllers.deployment;

import io.capstan.spi.controller.ControllerContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The RollingUpdate strategy (Kubernetes' {@code rolloutRolling}): scale the new ReplicaSet up within
 * {@code replicas + maxSurge} pods in total, and the old ones down while at least
 * {@code replicas - maxUnavailable} pods stay available, unhealthy old pods going first.
 */
final class RollingUpdate {

  private RollingUpdate() {}

  /**
   * Kubernetes' {@code NewRSNewReplicas}: the size the new ReplicaSet may grow to now. Each
   * ReplicaSet counts with the larger of its size and the pods its status still reports: Kubernetes
   * counts sizes alone, so right after an old ReplicaSet is scaled down, and before it has deleted
   * its pod, the new one could create a pod and briefly run more than {@code replicas + maxSurge}.
   */
  static int newReplicaCount(DeploymentState state, int newRsReplicas) {
    Deployment d = state.deployment();
    int replicas = Deployments.replicas(d);
    if (Deployments.recreate(d)) {
      return replicas;
    }
    int current = state.all().stream().mapToInt(rs -> Math.max(Deployments.specReplicas(rs), Deployments.statusReplicas(rs)))
        .sum() + (state.newRs().isEmpty() ? newRsReplicas : 0);
    int maxTotal = replicas + Deployments.maxSurge(d);
    if (current >= maxTotal) {
      return newRsReplicas;
    }
    int scaleUp = Math.min(maxTotal - current, replicas - newRsReplicas);
    return newRsReplicas + Math.max(0, scaleUp);
  }

  /** Kubernetes' {@code reconcileNewReplicaSet}; returns the state after any write, and whether it scaled. */
  static Step reconcileNew(DeploymentState state, ControllerContext ctx) {
    ReplicaSet rs = state.newRs().orElseThrow();
    int replicas = Deployments.replicas(state.deployment());
    int current = Deployments.specReplicas(rs);
    if (current == replicas) {
      return new Step(state, false);
    }
    int target = current > replicas ? replicas : newReplicaCount(state, current);
    if (target == current) {
      return new Step(state, false);
    }
    return new Step(state.withReplaced(ReplicaSetScaling.scale(rs, target, state.deployment(), ctx)), true);
  }

  /** Kubernetes' {@code reconcileOldReplicaSets}. */
  static Step reconcileOld(DeploymentState state, ControllerContext ctx) {
    Deployment d = state.deployment();
    List<ReplicaSet> old = state.activeOld();
    if (Deployments.sumSpec(old) == 0) {
      return new Step(state, false);
    }
    int allPods = Deployments.sumSpec(state.all());
    int minAvailable = Deployments.replicas(d) - Deployments.maxUnavailable(d);
    int newUnavailable = state.newRs().map(rs -> Deployments.specReplicas(rs) - availableNow(rs)).orElse(0);
    int maxScaledDown = allPods - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) {
      return new Step(state, false);
    }
    boolean scaled = false;
    // first the old pods that are not available anyway (cleanupUnhealthyReplicas)
    List<ReplicaSet> sorted = new ArrayList<>(old);
    sorted.sort(DeploymentState.OLDEST_FIRST);
    int cleaned = 0;
    for (ReplicaSet rs : sorted) {
      if (cleaned >= maxScaledDown) {
        break;
      }
      int replicas = Deployments.specReplicas(rs);
      int available = Deployments.available(rs);
      if (replicas == 0 || replicas <= available) {
        continue;
      }
      int down = Math.min(maxScaledDown - cleaned, replicas - available);
      state = state.withReplaced(ReplicaSetScaling.scale(rs, replicas - down, d, ctx));
      cleaned += down;
      scaled = true;
    }
    // then available old pods, while enough stay available (scaleDownOldReplicaSetsForRollingUpdate)
    int availablePods = state.all().stream().mapToInt(RollingUpdate::availableNow).sum();
    if (availablePods > minAvailable) {
      int toScaleDown = availablePods - minAvailable;
      int done = 0;
      List<ReplicaSet> current = new ArrayList<>(state.activeOld());
      current.sort(DeploymentState.OLDEST_FIRST);
      for (ReplicaSet rs : current) {
        if (done >= toScaleDown) {
          break;
        }
        int replicas = Deployments.specReplicas(rs);
        if (replicas == 0) {
          continue;
        }
        int down = Math.min(replicas, toScaleDown - done);
        state = state.withReplaced(ReplicaSetScaling.scale(rs, replicas - down, d, ctx));
        done += down;
        scaled = true;
      }
    }
    return new Step(state, scaled);
  }

  /**
   * The pods of a ReplicaSet that will stay available: its status may still count pods that a
   * scale-down just asked it to delete, so never more than its size (stricter than Kubernetes,
   * which reads the status alone and can overshoot maxUnavailable while statuses lag).
   */
  static int availableNow(ReplicaSet rs) {
    return Math.min(Deployments.specReplicas(rs), Deployments.available(rs));
  }

  /** A state and whether a write happened. */
  record Step(DeploymentState state, boolean scaled) {}
}
