package io.capstan.plugins.controllers.replicas;

import java.util.Optional;

/**
 * The status fields a ReplicaSet and a ReplicationController share.
 *
 * @param failure the {@code ReplicaFailure} condition when present
 */
public record ReplicaStatus(int replicas, int fullyLabeledReplicas, int readyReplicas, int availableReplicas,
    long observedGeneration, Optional<Failure> failure) {

  /** The {@code ReplicaFailure} condition: {@code FailedCreate} or {@code FailedDelete}. */
  public record Failure(String reason, String message, String lastTransitionTime) {}

  /** Equal ignoring the failure's transition time (which a rewrite would only move). */
  public boolean sameAs(ReplicaStatus other) {
    return replicas == other.replicas && fullyLabeledReplicas == other.fullyLabeledReplicas
        && readyReplicas == other.readyReplicas && availableReplicas == other.availableReplicas
        && observedGeneration == other.observedGeneration
        && failure.map(f -> f.reason() + f.message()).equals(other.failure.map(f -> f.reason() + f.message()));
  }
}
