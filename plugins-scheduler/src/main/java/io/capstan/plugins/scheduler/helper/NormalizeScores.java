package io.capstan.plugins.scheduler.helper;

import io.capstan.spi.scheduler.NodeScore;
import java.util.List;

/** Kubernetes' {@code helper.DefaultNormalizeScore}. */
public final class NormalizeScores {

  private NormalizeScores() {}

  /**
   * Scales scores so the highest becomes {@code maxPriority} ({@code s·max/maxCount}, integer);
   * all {@code maxPriority} when every score is 0 and {@code reverse}, else unchanged 0s; with
   * {@code reverse} each score becomes {@code maxPriority - s}.
   */
  public static void defaultNormalize(long maxPriority, boolean reverse, List<NodeScore> scores) {
    long maxCount = 0;
    for (NodeScore s : scores) {
      maxCount = Math.max(maxCount, s.score());
    }
    if (maxCount == 0) {
      if (reverse) {
        for (int i = 0; i < scores.size(); i++) {
          scores.set(i, scores.get(i).withScore(maxPriority));
        }
      }
      return;
    }
    for (int i = 0; i < scores.size(); i++) {
      long score = maxPriority * scores.get(i).score() / maxCount;
      if (reverse) {
        score = maxPriority - score;
      }
      scores.set(i, scores.get(i).withScore(score));
    }
  }

  /** {@link #defaultNormalize} with {@link NodeScore#MAX_NODE_SCORE}. */
  public static void defaultNormalize(boolean reverse, List<NodeScore> scores) {
    defaultNormalize(NodeScore.MAX_NODE_SCORE, reverse, scores);
  }
}
