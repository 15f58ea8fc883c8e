package io.capstan.plugins.controllers.deployment;

import io.capstan.plugins.controllers.replicas.OwnedClaimer;
import io.capstan.plugins.controllers.replicas.PodIndexes;
import io.capstan.plugins.controllers.replicas.PodStates;
import io.capstan.spi.api.LabelSelectorSpec;
import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.Result;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Kubernetes' {@code syncDeployment}: claim ReplicaSets, then pause, scale, or roll out. */
final class DeploymentSync {

  static final String RS_BY_CONTROLLER = "capstan.io/rs-controller-uid";
  static final String RS_ORPHANS = "capstan.io/rs-orphans-by-namespace";

  private DeploymentSync() {}

  static Result sync(ObjectKey key, ControllerContext ctx) {
    Optional<Deployment> cached = ctx.lister(Deployment.class).get(key.namespace(), key.name());
    if (cached.isEmpty()) {
      return Result.done();
    }
    Deployment d = cached.get();
    LabelSelectorSpec selector = LabelSelectorSpec.fromFabric8(d.getSpec().getSelector());
    if (selector.matchesEverything()) {
      ctx.events().event(d, io.capstan.spi.controller.EventType.WARNING, "SelectingAll",
          "This deployment is selecting all pods. A non-empty selector is required.");
      return Result.done();
    }
    List<ReplicaSet> candidates = new ArrayList<>(ctx.lister(ReplicaSet.class).byIndex(RS_BY_CONTROLLER, d.getMetadata().getUid()));
    candidates.addAll(ctx.lister(ReplicaSet.class).byIndex(RS_ORPHANS, key.namespace()));
    List<ReplicaSet> owned = OwnedClaimer.claim(d, "apps/v1", "Deployment", selector, candidates,
        ctx.client().resources(ReplicaSet.class),
        (rs, refs) -> new ReplicaSetBuilder(rs).editMetadata().withOwnerReferences(refs).endMetadata().build(),
        () -> ctx.client().resources(Deployment.class).get(key.namespace(), key.name())
            .map(live -> live.getMetadata().getUid().equals(d.getMetadata().getUid())
                && live.getMetadata().getDeletionTimestamp() == null).orElse(false));
    if (d.getMetadata().getDeletionTimestamp() != null) {
      DeploymentState state = NewReplicaSets.resolve(d, owned, false, ctx);
      RolloutStatus.write(d, DeploymentStatuses.calculate(state, ctx.clock().now()), ctx);
      return Result.done();
    }
    Deployment current = pausedConditions(d, ctx);
    if (Deployments.paused(current) || ProportionalScaling.isScalingEvent(
        new DeploymentState(current, Optional.empty(), owned))) {
      DeploymentState state = NewReplicaSets.resolve(current, owned, false, ctx);
      state = ProportionalScaling.scale(state, ctx);
      if (Deployments.paused(current)) {
        HistoryCleanup.run(state, ctx);
      }
      RolloutStatus.write(state.deployment(), DeploymentStatuses.calculate(state, ctx.clock().now()), ctx);
      return Result.done();
    }
    return Deployments.recreate(current) ? recreate(current, owned, ctx) : rolling(current, owned, ctx);
  }

  private static Result rolling(Deployment d, List<ReplicaSet> owned, ControllerContext ctx) {
    DeploymentState state = NewReplicaSets.resolve(d, owned, true, ctx);
    RollingUpdate.Step up = RollingUpdate.reconcileNew(state, ctx);
    if (up.scaled()) {
      return RolloutStatus.sync(up.state(), true, ctx);
    }
    RollingUpdate.Step down = RollingUpdate.reconcileOld(up.state(), ctx);
    if (down.scaled()) {
      return RolloutStatus.sync(down.state(), true, ctx);
    }
    state = down.state();
    if (DeploymentStatuses.complete(state.deployment(), DeploymentStatuses.calculate(state, ctx.clock().now()))) {
      HistoryCleanup.run(state, ctx);
    }
    return RolloutStatus.sync(state, true, ctx);
  }

  /** Kubernetes' {@code rolloutRecreate}: all old pods gone before the new ReplicaSet grows. */
  private static Result recreate(Deployment d, List<ReplicaSet> owned, ControllerContext ctx) {
    DeploymentState state = NewReplicaSets.resolve(d, owned, false, ctx);
    boolean scaledDown = false;
    for (ReplicaSet old : state.activeOld()) {
      state = state.withReplaced(ReplicaSetScaling.scale(old, 0, d, ctx));
      scaledDown = true;
    }
    if (scaledDown) {
      return RolloutStatus.sync(state, true, ctx);
    }
    if (oldPodsRunning(state, ctx)) {
      return RolloutStatus.sync(state, true, ctx);
    }
    if (state.newRs().isEmpty()) {
      state = NewReplicaSets.resolve(d, owned, true, ctx);
    }
    ReplicaSet newRs = state.newRs().orElseThrow();
    state = state.withReplaced(ReplicaSetScaling.scale(newRs, Deployments.replicas(d), d, ctx));
    if (DeploymentStatuses.complete(state.deployment(), DeploymentStatuses.calculate(state, ctx.clock().now()))) {
      HistoryCleanup.run(state, ctx);
    }
    return RolloutStatus.sync(state, true, ctx);
  }

  /** Any pod of an old ReplicaSet not yet finished and gone (Kubernetes' {@code oldPodsRunning}). */
  private static boolean oldPodsRunning(DeploymentState state, ControllerContext ctx) {
    if (state.newRs().isPresent() && Deployments.statusReplicas(state.newRs().get()) > 0) {
      return true;
    }
    for (ReplicaSet old : state.oldRs()) {
      if (Deployments.statusReplicas(old) > 0) {
        return true;
      }
      for (Pod pod : ctx.lister(Pod.class).byIndex(PodIndexes.CONTROLLER_UID, old.getMetadata().getUid())) {
        String phase = PodStates.phase(pod);
        if (!"Failed".equals(phase) && !"Succeeded".equals(phase)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Kubernetes' {@code checkPausedConditions}: Progressing Unknown while paused, and once resumed. */
  private static Deployment pausedConditions(Deployment d, ControllerContext ctx) {
    if (Deployments.progressDeadline(d).isEmpty()) {
      return d;
    }
    DeploymentStatus status = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
    Optional<DeploymentCondition> cond = DeploymentStatuses.find(status.getConditions(), DeploymentStatuses.PROGRESSING);
    if (cond.map(c -> DeploymentStatuses.TIMED_OUT.equals(c.getReason())).orElse(false)) {
      return d;
    }
    boolean pausedCond = cond.map(c -> DeploymentStatuses.PAUSED.equals(c.getReason())).orElse(false);
    DeploymentCondition next;
    if (Deployments.paused(d) && !pausedCond) {
      next = DeploymentStatuses.condition(DeploymentStatuses.PROGRESSING, "Unknown", DeploymentStatuses.PAUSED,
          "Deployment is paused", ctx.clock().now());
    } else if (!Deployments.paused(d) && pausedCond) {
      next = DeploymentStatuses.condition(DeploymentStatuses.PROGRESSING, "Unknown", DeploymentStatuses.RESUMED,
          "Deployment is resumed", ctx.clock().now());
    } else {
      return d;
    }
    List<DeploymentCondition> conditions = new ArrayList<>(status.getConditions() == null ? List.of() : status.getConditions());
    DeploymentStatuses.set(conditions, next);
    return ctx.client().resources(Deployment.class).updateStatus(new DeploymentBuilder(d).editOrNewStatus()
        .withConditions(conditions).endStatus().build());
  }
}
