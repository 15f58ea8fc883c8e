package io.capstan.plugins.controllers.replicas;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

  /**
   * The first {@code count} pods of {@code pods} in this order. Each pod's sort key (times parsed,
   * annotations read) is computed once, not at every comparison, which matters for a thousand pods.
   */
  public List<Pod> first(List<Pod> pods, int count) {
    List<Key> keys = new ArrayList<>(pods.size());
    pods.forEach(pod -> keys.add(key(pod)));
    keys.sort(KEY_ORDER);
    return keys.subList(0, Math.min(count, keys.size())).stream().map(Key::pod).toList();
  }

  @Override
  public int compare(Pod a, Pod b) {
    return KEY_ORDER.compare(key(a), key(b));
  }

  /** The facts the order looks at, read once per pod. */
  private record Key(Pod pod, boolean assigned, int phase, boolean ready, int cost, int rank, Instant readySince,
      int restarts, Instant created, String name) {}

  private static final Comparator<Key> KEY_ORDER = Comparator.comparing(Key::assigned)
      .thenComparingInt(Key::phase)
      .thenComparing(Key::ready)
      .thenComparingInt(Key::cost)
      .thenComparing(Comparator.comparingInt(Key::rank).reversed())
      // ready for a shorter time first (only between ready pods; not-ready ones carry Instant.MIN)
      .thenComparing(Comparator.comparing(Key::readySince).reversed())
      .thenComparing(Comparator.comparingInt(Key::restarts).reversed())
      .thenComparing(Comparator.comparing(Key::created).reversed()) // newer first
      .thenComparing(Key::name);

  private Key key(Pod pod) {
    boolean ready = PodStates.isReady(pod);
    return new Key(pod, assigned(pod), phaseOrder(pod), ready, deletionCost(pod), rank(pod),
        ready ? PodStates.readySince(pod).orElse(Instant.MIN) : Instant.MIN, PodStates.maxRestarts(pod),
        PodStates.parseTime(pod.getMetadata().getCreationTimestamp()).orElse(Instant.MIN), pod.getMetadata().getName());
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
