package io.capstan.runtime.scheduler.explain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one scheduling cycle decided and why, in kube-scheduler-simulator's shape: per node each
 * filter plugin's verdict ({@code "passed"} or the reason), each score plugin's raw score and its
 * normalized score times weight, and the selected node. Filled from several threads (filters run
 * in parallel), read once when the annotations are written.
 */
public final class ExplainRecord {

  private final Map<String, Map<String, String>> filter = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Long>> score = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Long>> finalScore = new ConcurrentHashMap<>();
  private volatile String selectedNode;

  public void filter(String node, Map<String, String> verdicts) {
    filter.put(node, verdicts);
  }

  public void score(String node, String plugin, long raw, long weighted) {
    score.computeIfAbsent(node, k -> new LinkedHashMap<>()).put(plugin, raw);
    finalScore.computeIfAbsent(node, k -> new LinkedHashMap<>()).put(plugin, weighted);
  }

  public void selected(String node) {
    selectedNode = node;
  }

  public Map<String, Map<String, String>> filterResults() {
    return filter;
  }

  public Map<String, Map<String, Long>> scoreResults() {
    return score;
  }

  public Map<String, Map<String, Long>> finalScoreResults() {
    return finalScore;
  }

  public Optional<String> selectedNode() {
    return Optional.ofNullable(selectedNode);
  }
}
