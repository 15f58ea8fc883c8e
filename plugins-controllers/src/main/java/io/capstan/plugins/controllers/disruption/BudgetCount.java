package io.capstan.plugins.controllers.disruption;

import io.capstan.spi.api.OwnerReferences;
import io.capstan.spi.client.Lister;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Kubernetes' {@code getExpectedPodCount} and {@code getExpectedScale}: how many pods a budget
 * expects and how many of them must stay healthy.
 *
 * <ul>
 *   <li>{@code maxUnavailable} (number or percent) and a percent {@code minAvailable} are relative to
 *       the scale of the pods' controllers: each pod's controller (ReplicaSet — its Deployment's
 *       replicas when a Deployment owns it —, ReplicationController or StatefulSet) counted once;
 *       a pod without a controller, or with another kind of controller, is an error.
 *   <li>an absolute {@code minAvailable} expects the selected pods as they are.
 *   <li>percentages round up ({@code GetScaledValueFromIntOrPercent(..., true)}).
 * </ul>
 */
final class BudgetCount {

  /** The pods a budget expects and how many of them must stay healthy. */
  record Expected(int expectedPods, int desiredHealthy) {}

  /** Why a budget cannot be evaluated: the event reason and the SyncFailed condition's message. */
  static final class CountException extends Exception {
    final String reason;

    CountException(String reason, String message) {
      super(message);
      this.reason = reason;
    }
  }

  private final Function<Class<?>, Lister<?>> listers;

  BudgetCount(Function<Class<?>, Lister<?>> listers) {
    this.listers = listers;
  }

  Expected expected(PodDisruptionBudget pdb, List<Pod> pods) throws CountException {
    IntOrString maxUnavailable = pdb.getSpec().getMaxUnavailable();
    IntOrString minAvailable = pdb.getSpec().getMinAvailable();
    if (maxUnavailable != null) {
      int expected = scale(pods);
      int desired = Math.max(0, expected - scaled(maxUnavailable, expected, "maxUnavailable"));
      return new Expected(expected, desired);
    }
    if (minAvailable != null) {
      if (minAvailable.getStrVal() == null) {
        return new Expected(pods.size(), minAvailable.getIntVal() == null ? 0 : minAvailable.getIntVal());
      }
      int expected = scale(pods);
      return new Expected(expected, scaled(minAvailable, expected, "minAvailable"));
    }
    return new Expected(pods.size(), 0);
  }

  /** Rounds a percentage up, as Kubernetes does for budgets. */
  static int scaled(IntOrString value, int total, String field) throws CountException {
    if (value.getStrVal() == null) {
      return value.getIntVal() == null ? 0 : value.getIntVal();
    }
    String text = value.getStrVal().trim();
    if (!text.endsWith("%")) {
      throw new CountException("SyncFailed", "invalid value for IntOrString: invalid type: string is not a percentage ("
          + field + " \"" + text + "\")");
    }
    try {
      int percent = Integer.parseInt(text.substring(0, text.length() - 1));
      return (int) Math.ceil(percent * (double) total / 100.0);
    } catch (NumberFormatException e) {
      throw new CountException("SyncFailed", "invalid value for IntOrString: " + field + " \"" + text + "\"");
    }
  }

  /** The summed scale of the pods' controllers, each counted once. */
  private int scale(List<Pod> pods) throws CountException {
    Map<String, Integer> byController = new HashMap<>();
    for (Pod pod : pods) {
      Optional<OwnerReference> ref = OwnerReferences.controllerOf(pod);
      if (ref.isEmpty()) {
        throw new CountException("NoControllerRef", "found no controller ref for pod \"" + pod.getMetadata().getName() + "\"");
      }
      if (byController.containsKey(ref.get().getUid())) {
        continue;
      }
      Optional<Integer> replicas = controllerScale(ref.get(), pod.getMetadata().getNamespace());
      if (replicas.isEmpty()) {
        throw new CountException("NoControllers", "found no controllers for pod \"" + pod.getMetadata().getName() + "\"");
      }
      byController.put(ref.get().getUid(), replicas.get());
    }
    return byController.values().stream().mapToInt(Integer::intValue).sum();
  }

  private Optional<Integer> controllerScale(OwnerReference ref, String namespace) {
    switch (ref.getKind()) {
      case "ReplicaSet" -> {
        Optional<ReplicaSet> rs = get(ReplicaSet.class, namespace, ref);
        if (rs.isEmpty()) {
          return Optional.empty();
        }
        Optional<OwnerReference> owner = OwnerReferences.controllerOf(rs.get()).filter(o -> "Deployment".equals(o.getKind()));
        if (owner.isPresent()) {
          Optional<Deployment> deployment = get(Deployment.class, namespace, owner.get());
          if (deployment.isPresent()) {
            return Optional.of(replicas(deployment.get().getSpec().getReplicas()));
          }
        }
        return Optional.of(replicas(rs.get().getSpec().getReplicas()));
      }
      case "ReplicationController" -> {
        return get(ReplicationController.class, namespace, ref).map(rc -> replicas(rc.getSpec().getReplicas()));
      }
      case "StatefulSet" -> {
        return get(StatefulSet.class, namespace, ref).map(ss -> replicas(ss.getSpec().getReplicas()));
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  @SuppressWarnings("unchecked")
  private <T extends io.fabric8.kubernetes.api.model.HasMetadata> Optional<T> get(Class<T> type, String namespace,
      OwnerReference ref) {
    Lister<T> lister = (Lister<T>) listers.apply(type);
    return lister.get(namespace, ref.getName()).filter(o -> ref.getUid().equals(o.getMetadata().getUid()));
  }

  private static int replicas(Integer replicas) {
    return replicas == null ? 1 : replicas;
  }
}
