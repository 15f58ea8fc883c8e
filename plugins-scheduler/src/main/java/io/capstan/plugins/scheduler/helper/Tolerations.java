package io.capstan.plugins.scheduler.helper;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Kubernetes' {@code Toleration.ToleratesTaint} and {@code FindMatchingUntoleratedTaint}. */
public final class Tolerations {

  private Tolerations() {}

  /** Whether {@code toleration} tolerates {@code taint} (Lt/Gt never match: alpha gate off). */
  public static boolean tolerates(Toleration toleration, Taint taint) {
    String effect = toleration.getEffect();
    if (effect != null && !effect.isEmpty() && !effect.equals(taint.getEffect())) {
      return false;
    }
    String key = toleration.getKey();
    if (key != null && !key.isEmpty() && !key.equals(taint.getKey())) {
      return false;
    }
    String op = toleration.getOperator();
    if (op == null || op.isEmpty() || op.equals("Equal")) {
      return nz(toleration.getValue()).equals(nz(taint.getValue()));
    }
    return op.equals("Exists");
  }

  /** Whether any of {@code tolerations} tolerates {@code taint}. */
  public static boolean tolerated(List<Toleration> tolerations, Taint taint) {
    for (Toleration t : tolerations) {
      if (tolerates(t, taint)) {
        return true;
      }
    }
    return false;
  }

  /** The first taint passing {@code filter} that no toleration tolerates. */
  public static Optional<Taint> findUntolerated(List<Taint> taints, List<Toleration> tolerations,
      Predicate<Taint> filter) {
    for (Taint taint : taints) {
      if (filter.test(taint) && !tolerated(tolerations, taint)) {
        return Optional.of(taint);
      }
    }
    return Optional.empty();
  }

  /** Kubernetes' filter for scheduling: effects NoSchedule and NoExecute. */
  public static boolean isNoScheduleOrNoExecute(Taint taint) {
    return "NoSchedule".equals(taint.getEffect()) || "NoExecute".equals(taint.getEffect());
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
