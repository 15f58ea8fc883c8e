package io.capstan.plugins.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** When a pod must leave a node with NoExecute taints, as Kubernetes' taint manager decides. */
final class Tolerations {

  private Tolerations() {}

  /**
   * The instant the pod is to be evicted, or empty when it tolerates every taint forever. A taint
   * the pod does not tolerate at all counts with {@code defaultSeconds}, the seconds the
   * DefaultTolerationSeconds admission plugin would have given it.
   */
  static Optional<Instant> evictionTime(Pod pod, List<Taint> taints, long defaultSeconds) {
    Instant earliest = null;
    for (Taint taint : taints) {
      Instant added = NodeHealth.parse(taint.getTimeAdded()).orElse(Instant.EPOCH);
      Toleration match = matching(pod, taint);
      long seconds;
      if (match == null) {
        seconds = defaultSeconds;
      } else if (match.getTolerationSeconds() == null) {
        continue; // tolerated forever (DaemonSet pods)
      } else {
        seconds = Math.max(0, match.getTolerationSeconds());
      }
      Instant due = added.plusSeconds(seconds);
      if (earliest == null || due.isBefore(earliest)) {
        earliest = due;
      }
    }
    return Optional.ofNullable(earliest);
  }

  static Toleration matching(Pod pod, Taint taint) {
    List<Toleration> tolerations = pod.getSpec() == null || pod.getSpec().getTolerations() == null
        ? List.of() : pod.getSpec().getTolerations();
    for (Toleration t : tolerations) {
      boolean effect = t.getEffect() == null || t.getEffect().isEmpty() || t.getEffect().equals(taint.getEffect());
      boolean key = t.getKey() == null || t.getKey().isEmpty() ? "Exists".equals(t.getOperator()) : t.getKey().equals(taint.getKey());
      boolean value = "Exists".equals(t.getOperator())
          || java.util.Objects.equals(t.getValue() == null ? "" : t.getValue(), taint.getValue() == null ? "" : taint.getValue());
      if (effect && key && value) {
        return t;
      }
    }
    return null;
  }
}
