package io.capstan.spi.scheduler;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One node's score from one Score plugin. Raw scores from {@link ScorePlugin#score} may have any
 * range (TaintToleration counts taints, for instance); after the plugin's {@link
 * ScoreExtensions#normalizeScore} every score must lie in [{@link #MIN_NODE_SCORE}, {@link
 * #MAX_NODE_SCORE}], which the framework checks with {@link #validateNormalized} before applying
 * the plugin's weight.
 *
 * @param name the node's name
 * @param score the score
 */
public record NodeScore(String name, long score) {

  /** The lowest score a node can have after normalization. */
  public static final long MIN_NODE_SCORE = 0;

  /** The highest score a node can have after normalization. */
  public static final long MAX_NODE_SCORE = 100;

  public NodeScore {
    requireNonNull(name, "name");
  }

  public NodeScore withScore(long score) {
    return new NodeScore(name, score);
  }

  /** Whether the score lies in [0, 100]. */
  public boolean isInBounds() {
    return score >= MIN_NODE_SCORE && score <= MAX_NODE_SCORE;
  }

  /**
   * Checks normalized scores as Kubernetes' {@code RunScorePlugins} does.
   *
   * @return success, or an {@link Status.Code#ERROR} naming the plugin, the node and the score
   */
  public static Status validateNormalized(String pluginName, List<NodeScore> scores) {
    requireNonNull(pluginName, "pluginName");
    for (NodeScore s : requireNonNull(scores, "scores")) {
      if (!s.isInBounds()) {
        return Status.error("plugin " + pluginName + " returns an invalid score " + s.score
            + " for node " + s.name + ", it should be in the range [" + MIN_NODE_SCORE + ", "
            + MAX_NODE_SCORE + "] after normalizing").withPlugin(pluginName);
      }
    }
    return Status.success();
  }
}
