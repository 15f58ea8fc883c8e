package io.capstan.spi.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;

/**
 * Ranks the feasible nodes (Kubernetes' Score, called a priority before). The framework multiplies
 * each plugin's normalized score by the plugin's weight in the profile, sums over plugins and
 * picks the highest total, breaking ties at random.
 *
 * <p>Called once per feasible node, <strong>in parallel over nodes</strong>, so like a filter it
 * must be thread-safe and free of side effects. A score of SUCCESS status is required; ERROR aborts
 * the cycle. Without {@link #scoreExtensions()} the raw score must already lie in [{@link
 * NodeScore#MIN_NODE_SCORE}, {@link NodeScore#MAX_NODE_SCORE}].
 */
public interface ScorePlugin extends SchedulerPlugin {

  ScoreResult score(CycleState state, Pod pod, NodeInfo nodeInfo);

  /** The plugin's normalization step, if its raw scores need rescaling. */
  default Optional<ScoreExtensions> scoreExtensions() {
    return Optional.empty();
  }
}
