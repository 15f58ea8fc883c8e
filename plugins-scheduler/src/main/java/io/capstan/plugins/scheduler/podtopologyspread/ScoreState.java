package io.capstan.plugins.scheduler.podtopologyspread;

import io.capstan.plugins.scheduler.helper.Pods;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.NodeInfo;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * PodTopologySpread's PreScore state ({@code preScoreState}): the ScheduleAnyway constraints, the
 * feasible nodes ignored for lacking a key, matching pods per (key, value) over all nodes (hostname
 * counted per node in Score), and each constraint's weight {@code ln(domains + 2)}.
 */
final class ScoreState implements CycleState.StateData {

  final List<SpreadConstraint> constraints;
  final Set<String> ignoredNodes = new HashSet<>();
  final Map<String, Map<String, AtomicLong>> pairCounts = new HashMap<>();
  final double[] weights;

  private ScoreState(List<SpreadConstraint> constraints) {
    this.constraints = constraints;
    this.weights = new double[constraints.size()];
  }

  static ScoreState compute(Pod pod, List<SpreadConstraint> constraints, boolean requireAllTopologies,
      List<NodeInfo> feasible, List<NodeInfo> all) {
    ScoreState s = new ScoreState(constraints);
    int[] topoSize = new int[constraints.size()];
    for (NodeInfo n : feasible) {
      Node node = n.node();
      if (requireAllTopologies && !SpreadConstraint.nodeHasAllKeys(node, constraints)) {
        s.ignoredNodes.add(n.nodeName());
        continue;
      }
      for (int i = 0; i < constraints.size(); i++) {
        SpreadConstraint c = constraints.get(i);
        if (c.topologyKey().equals(SpreadConstraint.HOSTNAME)) {
          continue;
        }
        String value = Pods.labels(node).getOrDefault(c.topologyKey(), "");
        Map<String, AtomicLong> byValue = s.pairCounts.computeIfAbsent(c.topologyKey(), k -> new HashMap<>());
        if (!byValue.containsKey(value)) {
          byValue.put(value, new AtomicLong());
          topoSize[i]++;
        }
      }
    }
    for (int i = 0; i < constraints.size(); i++) {
      int size = constraints.get(i).topologyKey().equals(SpreadConstraint.HOSTNAME)
          ? feasible.size() - s.ignoredNodes.size() : topoSize[i];
      s.weights[i] = Math.log(size + 2);
    }
    String ns = Pods.namespace(pod);
    for (NodeInfo n : all) {
      Node node = n.node();
      if (requireAllTopologies && !SpreadConstraint.nodeHasAllKeys(node, constraints)) {
        continue;
      }
      for (SpreadConstraint c : constraints) {
        if (!c.includesNode(pod, node)) {
          continue;
        }
        Map<String, AtomicLong> byValue = s.pairCounts.get(c.topologyKey());
        AtomicLong count = byValue == null ? null
            : byValue.get(Pods.labels(node).getOrDefault(c.topologyKey(), ""));
        if (count != null) {
          count.addAndGet(c.countMatching(n.pods(), ns));
        }
      }
    }
    return s;
  }

  /** Kubernetes' Score: {@code round(Σ cnt·weight + maxSkew − 1)}, 0 for ignored nodes. */
  long score(Pod pod, NodeInfo nodeInfo) {
    if (ignoredNodes.contains(nodeInfo.nodeName())) {
      return 0;
    }
    Map<String, String> labels = Pods.labels(nodeInfo.node());
    double score = 0;
    for (int i = 0; i < constraints.size(); i++) {
      SpreadConstraint c = constraints.get(i);
      String value = labels.get(c.topologyKey());
      if (value == null) {
        continue;
      }
      long cnt;
      if (c.topologyKey().equals(SpreadConstraint.HOSTNAME)) {
        cnt = c.countMatching(nodeInfo.pods(), Pods.namespace(pod));
      } else {
        AtomicLong a = pairCounts.getOrDefault(c.topologyKey(), Map.of()).get(value);
        cnt = a == null ? 0 : a.get();
      }
      score += cnt * weights[i] + (c.maxSkew() - 1);
    }
    return Math.round(score);
  }

  @Override
  public CycleState.StateData copy() {
    return this; // written in PreScore, read-only afterwards
  }
}
