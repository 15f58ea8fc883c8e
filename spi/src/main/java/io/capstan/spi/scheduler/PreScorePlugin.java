package io.capstan.spi.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * Prepares scoring once the feasible nodes are known (Kubernetes' PreScore): computes what the
 * paired {@link ScorePlugin} needs and writes it to the {@link CycleState}.
 *
 * <p>Called once per cycle on the scheduling thread, only when more than one node is feasible.
 * SKIP means the paired Score is not run for this pod (NodeResourcesBalancedAllocation skips
 * best-effort pods); any other non-success rejects the pod for this cycle (ERROR aborts it).
 */
public interface PreScorePlugin extends SchedulerPlugin {

  /**
   * @param feasibleNodes the nodes that passed every filter, read-only
   */
  Status preScore(CycleState state, Pod pod, List<NodeInfo> feasibleNodes);
}
