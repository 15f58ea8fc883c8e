package io.capstan.plugins.controllers.deployment;

import io.capstan.plugins.controllers.replicas.PodStates;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Deployment's status from its ReplicaSets (Kubernetes' {@code calculateStatus} and
 * {@code syncRolloutStatus}): the replica counts, the Available condition, and the Progressing
 * condition with its reasons NewReplicaSetCreated / FoundNewReplicaSet / ReplicaSetUpdated /
 * NewReplicaSetAvailable / ProgressDeadlineExceeded / DeploymentPaused / DeploymentResumed.
 */
final class DeploymentStatuses {

  static final String AVAILABLE = "Available";
  static final String PROGRESSING = "Progressing";
  static final String NEW_RS_AVAILABLE = "NewReplicaSetAvailable";
  static final String TIMED_OUT = "ProgressDeadlineExceeded";
  static final String RS_UPDATED = "ReplicaSetUpdated";
  static final String PAUSED = "DeploymentPaused";
  static final String RESUMED = "DeploymentResumed";

  private DeploymentStatuses() {}

  /** The counts and the Available condition; other conditions are carried over. */
  static DeploymentStatus calculate(DeploymentState state, Instant now) {
    Deployment d = state.deployment();
    List<ReplicaSet> all = state.all();
    int available = Deployments.sumAvailable(all);
    int total = Deployments.sumSpec(all);
    DeploymentStatus old = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
    List<DeploymentCondition> conditions = new ArrayList<>(old.getConditions() == null ? List.of() : old.getConditions());
    boolean minimum = available >= Deployments.replicas(d) - Deployments.maxUnavailable(d);
    set(conditions, minimum ? condition(AVAILABLE, "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now)
        : condition(AVAILABLE, "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now));
    return new DeploymentStatusBuilder()
        .withObservedGeneration(d.getMetadata().getGeneration())
        .withReplicas(Deployments.sumStatus(all))
        .withUpdatedReplicas(state.newRs().map(Deployments::statusReplicas).orElse(0))
        .withReadyReplicas(Deployments.sumReady(all))
        .withAvailableReplicas(available)
        .withUnavailableReplicas(Math.max(0, total - available))
        .withCollisionCount(old.getCollisionCount())
        .withConditions(conditions)
        .build();
  }

  /** Kubernetes' {@code DeploymentComplete}. */
  static boolean complete(Deployment d, DeploymentStatus s) {
    int replicas = Deployments.replicas(d);
    return zero(s.getUpdatedReplicas()) == replicas && zero(s.getReplicas()) == replicas
        && zero(s.getAvailableReplicas()) == replicas
        && (s.getObservedGeneration() == null ? 0 : s.getObservedGeneration())
        >= (d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration());
  }

  /** Kubernetes' {@code DeploymentProgressing}: more updated, fewer old, more ready or more available pods. */
  static boolean progressing(Deployment d, DeploymentStatus s) {
    DeploymentStatus old = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
    int oldOld = zero(old.getReplicas()) - zero(old.getUpdatedReplicas());
    int newOld = zero(s.getReplicas()) - zero(s.getUpdatedReplicas());
    return zero(s.getUpdatedReplicas()) > zero(old.getUpdatedReplicas()) || newOld < oldOld
        || zero(s.getReadyReplicas()) > zero(old.getReadyReplicas())
        || zero(s.getAvailableReplicas()) > zero(old.getAvailableReplicas());
  }

  /** Kubernetes' {@code DeploymentTimedOut}: no progress reported within the deadline. */
  static boolean timedOut(Deployment d, DeploymentStatus s, Instant now) {
    Optional<Integer> deadline = Deployments.progressDeadline(d);
    Optional<DeploymentCondition> cond = find(s.getConditions(), PROGRESSING);
    if (deadline.isEmpty() || cond.isEmpty()) {
      return false;
    }
    if (NEW_RS_AVAILABLE.equals(cond.get().getReason()) || TIMED_OUT.equals(cond.get().getReason())) {
      return TIMED_OUT.equals(cond.get().getReason());
    }
    Instant last = PodStates.parseTime(cond.get().getLastUpdateTime()).orElse(now);
    return !last.plus(Duration.ofSeconds(deadline.get())).isAfter(now);
  }

  static Optional<DeploymentCondition> find(List<DeploymentCondition> conditions, String type) {
    return conditions == null ? Optional.empty() : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  static DeploymentCondition condition(String type, String status, String reason, String message, Instant now) {
    String t = PodStates.formatTime(now);
    return new DeploymentConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
        .withLastUpdateTime(t).withLastTransitionTime(t).build();
  }

  /**
   * Kubernetes' {@code SetDeploymentCondition}: same status and reason keeps the old condition's
   * times except lastUpdateTime when the message changed; a new status moves lastTransitionTime.
   */
  static void set(List<DeploymentCondition> conditions, DeploymentCondition next) {
    Optional<DeploymentCondition> current = find(conditions, next.getType());
    if (current.isPresent()) {
      DeploymentCondition c = current.get();
      if (c.getStatus().equals(next.getStatus()) && c.getReason() != null && c.getReason().equals(next.getReason())) {
        if (!java.util.Objects.equals(c.getMessage(), next.getMessage())) {
          conditions.set(conditions.indexOf(c), new DeploymentConditionBuilder(c).withMessage(next.getMessage())
              .withLastUpdateTime(next.getLastUpdateTime()).build());
        }
        return;
      }
      DeploymentCondition merged = c.getStatus().equals(next.getStatus())
          ? new DeploymentConditionBuilder(next).withLastTransitionTime(c.getLastTransitionTime()).build() : next;
      conditions.set(conditions.indexOf(c), merged);
      return;
    }
    conditions.add(next);
  }

  static int zero(Integer value) {
    return value == null ? 0 : value;
  }
}
