package io.capstan.plugins.controllers.deployment;

import static io.capstan.plugins.controllers.deployment.DeploymentStatuses.PROGRESSING;

import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.EventType;
import io.capstan.spi.controller.Result;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a Deployment's status after a sync (Kubernetes' {@code syncRolloutStatus}), and says when to
 * look again so a stuck rollout is reported at its progress deadline ({@code requeueStuckDeployment}).
 */
final class RolloutStatus {

  private RolloutStatus() {}

  static Result sync(DeploymentState state, boolean trackProgress, ControllerContext ctx) {
    Deployment d = state.deployment();
    Instant now = ctx.clock().now();
    DeploymentStatus next = DeploymentStatuses.calculate(state, now);
    List<DeploymentCondition> conditions = new ArrayList<>(next.getConditions());
    Optional<DeploymentCondition> current = DeploymentStatuses.find(conditions, PROGRESSING);
    String rsName = state.newRs().map(rs -> rs.getMetadata().getName()).orElse("");
    if (Deployments.progressDeadline(d).isEmpty()) {
      conditions.removeIf(c -> PROGRESSING.equals(c.getType()));
    } else if (trackProgress) {
      boolean completeAlready = current.map(c -> DeploymentStatuses.NEW_RS_AVAILABLE.equals(c.getReason())).orElse(false)
          && DeploymentStatuses.zero(next.getReplicas()) == DeploymentStatuses.zero(next.getUpdatedReplicas());
      if (!completeAlready) {
        if (state.newRs().isPresent() && DeploymentStatuses.complete(d, next)) {
          DeploymentStatuses.set(conditions, DeploymentStatuses.condition(PROGRESSING, "True",
              DeploymentStatuses.NEW_RS_AVAILABLE, "ReplicaSet \"" + rsName + "\" has successfully progressed.", now));
        } else if (state.newRs().isPresent() && (DeploymentStatuses.progressing(d, next) || current.isEmpty()
            || DeploymentStatuses.RESUMED.equals(current.get().getReason()))) {
          DeploymentCondition c = DeploymentStatuses.condition(PROGRESSING, "True", DeploymentStatuses.RS_UPDATED,
              "ReplicaSet \"" + rsName + "\" is progressing.", now);
          if (current.isPresent() && "True".equals(current.get().getStatus())) {
            c = new DeploymentConditionBuilder(c).withLastTransitionTime(current.get().getLastTransitionTime()).build();
          }
          conditions.removeIf(x -> PROGRESSING.equals(x.getType()));
          conditions.add(c);
        } else if (DeploymentStatuses.timedOut(d, new DeploymentStatus(next.getAvailableReplicas(), next.getCollisionCount(),
            conditions, next.getObservedGeneration(), next.getReadyReplicas(), next.getReplicas(), null,
            next.getUnavailableReplicas(), next.getUpdatedReplicas()), now)) {
          boolean wasTimedOut = current.map(c -> DeploymentStatuses.TIMED_OUT.equals(c.getReason())).orElse(false);
          DeploymentStatuses.set(conditions, DeploymentStatuses.condition(PROGRESSING, "False", DeploymentStatuses.TIMED_OUT,
              "ReplicaSet \"" + rsName + "\" has timed out progressing.", now));
          if (!wasTimedOut) {
            ctx.events().eventf(d, EventType.WARNING, DeploymentStatuses.TIMED_OUT,
                "Deployment \"%s\" has timed out progressing.", d.getMetadata().getName());
          }
        }
      }
    }
    next.setConditions(conditions);
    write(d, next, ctx);
    return requeueStuck(d, next, now);
  }

  static void write(Deployment d, DeploymentStatus next, ControllerContext ctx) {
    if (same(d.getStatus(), next)) {
      return;
    }
    try {
      ctx.client().resources(Deployment.class).updateStatus(new DeploymentBuilder(d).withStatus(next).build());
    } catch (io.capstan.spi.client.ConflictException stale) {
      // the status is computed from the ReplicaSets, not from the Deployment's version: write it on the live one
      var live = ctx.client().resources(Deployment.class).get(d.getMetadata().getNamespace(), d.getMetadata().getName());
      if (live.isPresent() && live.get().getMetadata().getUid().equals(d.getMetadata().getUid())
          && java.util.Objects.equals(live.get().getMetadata().getGeneration(), d.getMetadata().getGeneration())) {
        ctx.client().resources(Deployment.class).updateStatus(new DeploymentBuilder(live.get()).withStatus(next).build());
      } else {
        throw stale;
      }
    }
  }

  private static boolean same(DeploymentStatus a, DeploymentStatus b) {
    if (a == null) {
      return false;
    }
    return io.capstan.spi.api.KubeJson.mapper().valueToTree(a).equals(io.capstan.spi.api.KubeJson.mapper().valueToTree(b));
  }

  /** While a rollout is progressing, look again when its deadline passes. */
  private static Result requeueStuck(Deployment d, DeploymentStatus s, Instant now) {
    Optional<Integer> deadline = Deployments.progressDeadline(d);
    Optional<DeploymentCondition> cond = DeploymentStatuses.find(s.getConditions(), PROGRESSING);
    if (deadline.isEmpty() || cond.isEmpty() || DeploymentStatuses.complete(d, s)
        || !"True".equals(cond.get().getStatus()) || DeploymentStatuses.NEW_RS_AVAILABLE.equals(cond.get().getReason())) {
      return Result.done();
    }
    Instant last = io.capstan.plugins.controllers.replicas.PodStates.parseTime(cond.get().getLastUpdateTime()).orElse(now);
    Duration after = Duration.between(now, last.plus(Duration.ofSeconds(deadline.get())));
    return Result.requeueAfter(after.isNegative() ? Duration.ZERO : after.plusSeconds(1));
  }
}
