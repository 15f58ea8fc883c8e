package io.capstan.plugins.controllers.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Reads of a Deployment and its ReplicaSets with Kubernetes' defaults for unset fields
 * ({@code deploymentutil}): the surge and unavailability arithmetic, revisions and the replica sums.
 */
final class Deployments {

  static final String REVISION = "deployment.kubernetes.io/revision";
  static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
  static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
  static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";

  private Deployments() {}

  static int replicas(Deployment d) {
    return d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
  }

  static boolean recreate(Deployment d) {
    return d.getSpec().getStrategy() != null && "Recreate".equals(d.getSpec().getStrategy().getType());
  }

  static boolean paused(Deployment d) {
    return Boolean.TRUE.equals(d.getSpec().getPaused());
  }

  static int minReadySeconds(Deployment d) {
    return d.getSpec().getMinReadySeconds() == null ? 0 : d.getSpec().getMinReadySeconds();
  }

  static int revisionHistoryLimit(Deployment d) {
    return d.getSpec().getRevisionHistoryLimit() == null ? 10 : d.getSpec().getRevisionHistoryLimit();
  }

  /** {@code progressDeadlineSeconds}, 600 when unset; empty when set to the "no deadline" maximum. */
  static Optional<Integer> progressDeadline(Deployment d) {
    Integer seconds = d.getSpec().getProgressDeadlineSeconds();
    if (seconds == null) {
      return Optional.of(600);
    }
    return seconds == Integer.MAX_VALUE ? Optional.empty() : Optional.of(seconds);
  }

  /** maxSurge, rounded up from a percentage (0 for Recreate). */
  static int maxSurge(Deployment d) {
    if (recreate(d)) {
      return 0;
    }
    int[] fence = fenceposts(d);
    return fence[0];
  }

  /** maxUnavailable, rounded down from a percentage, never above replicas (0 for Recreate). */
  static int maxUnavailable(Deployment d) {
    if (recreate(d)) {
      return 0;
    }
    int unavailable = fenceposts(d)[1];
    return Math.min(unavailable, replicas(d));
  }

  /** Kubernetes' {@code ResolveFenceposts}: both zero means one may be unavailable. */
  private static int[] fenceposts(Deployment d) {
    var rolling = d.getSpec().getStrategy() == null ? null : d.getSpec().getStrategy().getRollingUpdate();
    IntOrString surge = rolling == null || rolling.getMaxSurge() == null ? new IntOrString("25%") : rolling.getMaxSurge();
    IntOrString unavailable = rolling == null || rolling.getMaxUnavailable() == null ? new IntOrString("25%")
        : rolling.getMaxUnavailable();
    int total = replicas(d);
    int s = scaled(surge, total, true);
    int u = scaled(unavailable, total, false);
    if (s == 0 && u == 0) {
      u = 1;
    }
    return new int[] {s, u};
  }

  /** Kubernetes' {@code GetScaledValueFromIntOrPercent}. */
  static int scaled(IntOrString value, int total, boolean roundUp) {
    if (value.getIntVal() != null) {
      return value.getIntVal();
    }
    String text = value.getStrVal() == null ? "" : value.getStrVal().trim();
    if (!text.endsWith("%")) {
      try {
        return Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("invalid value for IntOrString: " + text);
      }
    }
    int percent = Integer.parseInt(text.substring(0, text.length() - 1));
    long product = (long) percent * total;
    return (int) (roundUp ? (product + 99) / 100 : product / 100);
  }

  static int specReplicas(ReplicaSet rs) {
    return rs.getSpec() == null || rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
  }

  static int statusReplicas(ReplicaSet rs) {
    return rs.getStatus() == null || rs.getStatus().getReplicas() == null ? 0 : rs.getStatus().getReplicas();
  }

  static int ready(ReplicaSet rs) {
    return rs.getStatus() == null || rs.getStatus().getReadyReplicas() == null ? 0 : rs.getStatus().getReadyReplicas();
  }

  static int available(ReplicaSet rs) {
    return rs.getStatus() == null || rs.getStatus().getAvailableReplicas() == null ? 0
        : rs.getStatus().getAvailableReplicas();
  }

  static int sumSpec(Collection<ReplicaSet> sets) {
    return sets.stream().mapToInt(Deployments::specReplicas).sum();
  }

  static int sumStatus(Collection<ReplicaSet> sets) {
    return sets.stream().mapToInt(Deployments::statusReplicas).sum();
  }

  static int sumAvailable(Collection<ReplicaSet> sets) {
    return sets.stream().mapToInt(Deployments::available).sum();
  }

  static int sumReady(Collection<ReplicaSet> sets) {
    return sets.stream().mapToInt(Deployments::ready).sum();
  }

  static long revision(ReplicaSet rs) {
    Map<String, String> a = rs.getMetadata().getAnnotations();
    if (a == null || a.get(REVISION) == null) {
      return 0;
    }
    try {
      return Long.parseLong(a.get(REVISION));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static Optional<Integer> annotatedInt(ReplicaSet rs, String key) {
    Map<String, String> a = rs.getMetadata().getAnnotations();
    if (a == null || a.get(key) == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(a.get(key)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  static String creation(ReplicaSet rs) {
    return rs.getMetadata().getCreationTimestamp() == null ? "" : rs.getMetadata().getCreationTimestamp();
  }
}
