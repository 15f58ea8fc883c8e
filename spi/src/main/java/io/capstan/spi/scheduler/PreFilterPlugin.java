package io.capstan.spi.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/**
 * Prepares the cycle for a pod before any node is filtered (Kubernetes' PreFilter): computes what
 * the paired {@link FilterPlugin} needs once (the pod's requests, its affinity terms) and stores it
 * in the {@link CycleState}, checks pod-level conditions, and may narrow the candidate nodes.
 *
 * <p>Called once per cycle on the scheduling thread, in the profile's order; cycles are serial, so
 * it need not be thread-safe with respect to itself. Every PreFilter must succeed or skip:
 * UNSCHEDULABLE or UNSCHEDULABLE_AND_UNRESOLVABLE rejects the pod for this cycle (on every node),
 * ERROR aborts the cycle. SKIP means the plugin's Filter and {@link PreFilterExtensions} are not
 * run for this pod.
 */
public interface PreFilterPlugin extends SchedulerPlugin {

  /**
   * @param nodes every node of the snapshot, read-only
   */
  PreFilterResult preFilter(CycleState state, Pod pod, List<NodeInfo> nodes);

  /**
   * The incremental updates preemption needs to evaluate "this node without those pods" without
   * rerunning PreFilter; empty if the plugin's state does not depend on other pods.
   */
  default Optional<PreFilterExtensions> preFilterExtensions() {
    return Optional.empty();
  }
}
