package io.capstan.spi.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * Rescales one Score plugin's raw scores over all feasible nodes (Kubernetes' NormalizeScore), for
 * example to invert "fewer taints is better" into [0, 100].
 *
 * <p>Called once per cycle on the scheduling thread after every node was scored by the plugin.
 */
public interface ScoreExtensions {

  /**
   * Rewrites {@code scores} in place: the list is mutable and holds one entry per feasible node;
   * replace entries ({@code scores.set(i, s.withScore(x))}) but do not add, remove or reorder them.
   * Afterwards every score must lie in [0, {@link NodeScore#MAX_NODE_SCORE}] or the framework aborts
   * the cycle with an "invalid score" error.
   */
  Status normalizeScore(CycleState state, Pod pod, List<NodeScore> scores);
}
