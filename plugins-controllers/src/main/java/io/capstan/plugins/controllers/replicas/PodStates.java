package io.capstan.plugins.controllers.replicas;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Pod predicates the workload controllers share (Kubernetes' {@code podutil.IsPodReady},
 * {@code IsPodAvailable}, {@code controller.IsPodActive}). Stateless; reads only.
 */
public final class PodStates {

  private PodStates() {}

  /** Not finished and not being deleted (Kubernetes' {@code IsPodActive}). */
  public static boolean isActive(Pod pod) {
    String phase = phase(pod);
    return !"Succeeded".equals(phase) && !"Failed".equals(phase) && pod.getMetadata().getDeletionTimestamp() == null;
  }

  public static String phase(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending" : pod.getStatus().getPhase();
  }

  /** The Ready condition, if reported. */
  public static Optional<PodCondition> readyCondition(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
  }

  public static boolean isReady(Pod pod) {
    return readyCondition(pod).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  /** When the pod last became ready, if it is ready and says when. */
  public static Optional<Instant> readySince(Pod pod) {
    return readyCondition(pod).filter(c -> "True".equals(c.getStatus()))
        .map(PodCondition::getLastTransitionTime).flatMap(PodStates::parseTime);
  }

  /**
   * Ready for at least {@code minReadySeconds} at {@code now} (Kubernetes' {@code IsPodAvailable});
   * with {@code minReadySeconds == 0} every ready pod is available.
   */
  public static boolean isAvailable(Pod pod, int minReadySeconds, Instant now) {
    if (!isReady(pod)) {
      return false;
    }
    if (minReadySeconds <= 0) {
      return true;
    }
    return readySince(pod).map(t -> !t.plus(Duration.ofSeconds(minReadySeconds)).isAfter(now)).orElse(false);
  }

  /** The highest restart count of the pod's containers. */
  public static int maxRestarts(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return 0;
    }
    return pod.getStatus().getContainerStatuses().stream()
        .map(ContainerStatus::getRestartCount).filter(r -> r != null).mapToInt(Integer::intValue).max().orElse(0);
  }

  public static Optional<Instant> parseTime(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (RuntimeException e) {
      try {
        return Optional.of(java.time.OffsetDateTime.parse(text).toInstant());
      } catch (RuntimeException again) {
        return Optional.empty();
      }
    }
  }

  /** Kubernetes' text form of a {@code metav1.Time}: UTC, whole seconds. */
  public static String formatTime(Instant instant) {
    return java.time.format.DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }
}
