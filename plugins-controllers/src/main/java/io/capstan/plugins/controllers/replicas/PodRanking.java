package io.capstan.plugins.controllers.replicas;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;

/**
 * The order in which a ReplicaSet deletes surplus pods: Kubernetes' {@code ActivePodsWithRanks}
 * ({@code pkg/controller/controller_utils.go}), the first pod being the first to go:
 *
 * <ol>
 *   <li>unassigned before assigned;
 *   <li>Pending before Unknown before Running;
 *   <li>not ready before ready;
 *   <li>lower {@code controller.kubernetes.io/pod-deletion-cost} first;
 *   <li>more related pods on the same node (higher rank) first;
 *   <li>ready for a shorter time first;
 *   <li>more container restarts first;
 *   <li>newer first.
 * </ol>
 */
public final class PodRanking implements Comparator<Pod> {

  public static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

  private final Map<String, Integer> podsPerNode;

  /** @param podsPerNode how many related active pods each node holds (the rank of a pod on it) */
  public PodRanking(Map<String, Integer> podsPerNode) {
    this.podsPerNode = Map.copyOf(podsPerNode);
  }

  @Override
  public int compare(Pod a, Pod b) {
    boolean aAssigned = assigned(a);
    boolean bAssigned = assigned(b);
    if (aAssigned != bAssigned) {
      return aAssigned ? 1 : -1;
    }
    int byPhase = Integer.compare(phaseOrder(a), phaseOrder(b));
    if (byPhase != 0) {
      return byPhase;
    }
    boolean aReady = PodStates.isReady(a);
    boolean bReady = PodStates.isReady(b);
    if (aReady != bReady) {
      return aReady ? 1 : -1;
    }
    int byCost = Integer.compare(deletionCost(a), deletionCost(b));
    if (byCost != 0) {
      return byCost;
    }
    int byRank = Integer.compare(rank(b), rank(a));
    if (byRank != 0) {
      return byRank;
    }
    if (aReady) {
      Instant aSince = PodStates.readySince(a).orElse(Instant.MIN);
      Instant bSince = PodStates.readySince(b).orElse(Instant.MIN);
      int bySince = bSince.compareTo(aSince); // later (shorter ready) first
      if (bySince != 0) {
        return bySince;
      }
    }
    int byRestarts = Integer.compare(PodStates.maxRestarts(b), PodStates.maxRestarts(a));
    if (byRestarts != 0) {
      return byRestarts;
    }
    Instant aCreated = PodStates.parseTime(a.getMetadata().getCreationTimestamp()).orElse(Instant.MIN);
    Instant bCreated = PodStates.parseTime(b.getMetadata().getCreationTimestamp()).orElse(Instant.MIN);
    int byAge = bCreated.compareTo(aCreated); // newer first
    if (byAge != 0) {
      return byAge;
    }
    return a.getMetadata().getName().compareTo(b.getMetadata().getName());
  }

  private int rank(Pod pod) {
    return assigned(pod) ? podsPerNode.getOrDefault(pod.getSpec().getNodeName(), 0) : 0;
  }

  private static boolean assigned(Pod pod) {
    return pod.getSpec() != null && pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty();
  }

  private static int phaseOrder(Pod pod) {
    return switch (PodStates.phase(pod)) {
      case "Pending" -> 0;
      case "Unknown" -> 1;
      case "Running" -> 2;
      default -> 3;
    };
  }

  private static int deletionCost(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    if (annotations == null || !annotations.containsKey(DELETION_COST)) {
      return 0;
    }
    try {
      return Integer.parseInt(annotations.get(DELETION_COST).trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
