package io.capstan.plugins.controllers.deployment;

import io.capstan.spi.client.DeleteOptions;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.controller.ControllerContext;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Kubernetes' {@code cleanupDeployment}: keeps at most {@code revisionHistoryLimit} old ReplicaSets
 * that run no pods, deleting the lowest revisions first.
 */
final class HistoryCleanup {

  private HistoryCleanup() {}

  static void run(DeploymentState state, ControllerContext ctx) {
    int limit = Deployments.revisionHistoryLimit(state.deployment());
    List<ReplicaSet> idle = new ArrayList<>(state.oldRs().stream()
        .filter(rs -> rs.getMetadata().getDeletionTimestamp() == null)
        .filter(rs -> Deployments.specReplicas(rs) == 0 && Deployments.statusReplicas(rs) == 0).toList());
    int surplus = idle.size() - limit;
    if (surplus <= 0) {
      return;
    }
    idle.sort(Comparator.comparingLong(Deployments::revision).thenComparing(DeploymentState.OLDEST_FIRST));
    for (ReplicaSet rs : idle.subList(0, surplus)) {
      try {
        ctx.client().resources(ReplicaSet.class).delete(rs.getMetadata().getNamespace(), rs.getMetadata().getName(),
            DeleteOptions.DEFAULTS.withPreconditionUid(rs.getMetadata().getUid()));
      } catch (NotFoundException gone) {
        // already gone
      }
    }
  }
}
