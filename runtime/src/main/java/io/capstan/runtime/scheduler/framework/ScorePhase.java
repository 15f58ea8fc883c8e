package io.capstan.runtime.scheduler.framework;

import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.NodeScore;
import io.capstan.spi.scheduler.ScorePlugin;
import io.capstan.spi.scheduler.ScoreResult;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Score extension point of one cycle (Kubernetes' {@code RunScorePlugins}): every active Score
 * plugin on every feasible node in parallel over nodes, then each plugin's NormalizeScore, the
 * [0, 100] check, and the weights.
 */
final class ScorePhase {

  private ScorePhase() {}

  /** @throws Framework.ScoreFailure carrying the ERROR status when a plugin fails */
  static ScoreTable run(ScorePlugin[] scores, long[] weights, Parallelizer parallelizer, CycleState state, Pod pod,
      List<NodeInfo> feasible) {
    List<ScorePlugin> active = new ArrayList<>();
    List<Long> activeWeights = new ArrayList<>();
    Set<String> skip = state.skipScorePlugins();
    for (int i = 0; i < scores.length; i++) {
      if (!skip.contains(scores[i].name())) {
        active.add(scores[i]);
        activeWeights.add(weights[i]);
      }
    }
    int n = feasible.size();
    int m = active.size();
    long[][] raw = new long[m][n];
    Status[] failure = new Status[1];
    parallelizer.until(n, i -> {
      NodeInfo node = feasible.get(i);
      for (int p = 0; p < m; p++) {
        ScorePlugin plugin = active.get(p);
        ScoreResult r;
        try {
          r = plugin.score(state, pod, node);
        } catch (RuntimeException e) {
          r = ScoreResult.error(Status.error(e));
        }
        if (!r.status().isSuccess()) {
          synchronized (failure) {
            if (failure[0] == null) {
              failure[0] = r.status().withPlugin(plugin.name());
            }
          }
          return;
        }
        raw[p][i] = r.score();
      }
    });
    if (failure[0] != null) {
      throw new Framework.ScoreFailure(failure[0]);
    }
    long[][] weighted = new long[m][n];
    long[] totals = new long[n];
    List<String> names = new ArrayList<>(m);
    for (int p = 0; p < m; p++) {
      ScorePlugin plugin = active.get(p);
      names.add(plugin.name());
      long[] values = weighted[p]; // normalized here, then weighted in place
      System.arraycopy(raw[p], 0, values, 0, n);
      if (plugin.scoreExtensions().isPresent()) {
        List<NodeScore> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          list.add(new NodeScore(feasible.get(i).nodeName(), values[i]));
        }
        Status s;
        try {
          s = plugin.scoreExtensions().get().normalizeScore(state, pod, list);
        } catch (RuntimeException e) {
          s = Status.error(e);
        }
        if (!s.isSuccess()) {
          throw new Framework.ScoreFailure(s.withPlugin(plugin.name()));
        }
        for (int i = 0; i < n; i++) {
          values[i] = list.get(i).score();
        }
        Status bounds = NodeScore.validateNormalized(plugin.name(), list);
        if (!bounds.isSuccess()) {
          throw new Framework.ScoreFailure(bounds);
        }
      } else {
        for (int i = 0; i < n; i++) {
          if (values[i] < NodeScore.MIN_NODE_SCORE || values[i] > NodeScore.MAX_NODE_SCORE) {
            throw new Framework.ScoreFailure(Status.error("plugin " + plugin.name() + " returns an invalid score " + values[i]
                + " for node " + feasible.get(i).nodeName() + ", it should be in the range [0, 100] after normalizing")
                .withPlugin(plugin.name()));
          }
        }
      }
      long w = activeWeights.get(p);
      for (int i = 0; i < n; i++) {
        values[i] *= w;
        totals[i] += values[i];
      }
    }
    return new ScoreTable(names, feasible, raw, weighted, totals);
  }

  /**
   * The raw scores of one node by every active Score plugin, without NormalizeScore (a batch
   * rescoring one node keeps the other nodes' normalized values; see {@link NodeRawScores}).
   */
  static NodeRawScores one(ScorePlugin[] scores, long[] weights, CycleState state, Pod pod, NodeInfo node) {
    Set<String> skip = state.skipScorePlugins();
    List<String> names = new ArrayList<>(scores.length);
    long[] raw = new long[scores.length];
    long[] w = new long[scores.length];
    boolean[] normalizes = new boolean[scores.length];
    int m = 0;
    for (int i = 0; i < scores.length; i++) {
      ScorePlugin plugin = scores[i];
      if (skip.contains(plugin.name())) {
        continue;
      }
      ScoreResult r;
      try {
        r = plugin.score(state, pod, node);
      } catch (RuntimeException e) {
        r = ScoreResult.error(Status.error(e));
      }
      if (!r.status().isSuccess()) {
        throw new Framework.ScoreFailure(r.status().withPlugin(plugin.name()));
      }
      names.add(plugin.name());
      raw[m] = r.score();
      w[m] = weights[i];
      normalizes[m] = plugin.scoreExtensions().isPresent();
      m++;
    }
    return new NodeRawScores(names, java.util.Arrays.copyOf(raw, m), java.util.Arrays.copyOf(w, m),
        java.util.Arrays.copyOf(normalizes, m));
  }
}
