package io.capstan.plugins.scheduler.podtopologyspread;

import io.capstan.plugins.scheduler.helper.Pods;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.NodeInfo;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PodTopologySpread's PreFilter state ({@code preFilterState}): per DoNotSchedule constraint, the
 * matching pods per topology value over the nodes that count, and the global minimum. Mutated only
 * on copies, by PreFilterExtensions during preemption.
 */
final class FilterState implements CycleState.StateData {

  final List<SpreadConstraint> constraints;
  final List<Map<String, Integer>> matchNum;
  private final int[] min;

  private FilterState(List<SpreadConstraint> constraints, List<Map<String, Integer>> matchNum) {
    this.constraints = constraints;
    this.matchNum = matchNum;
    this.min = new int[constraints.size()];
    for (int i = 0; i < constraints.size(); i++) {
      recomputeMin(i);
    }
  }

  static FilterState compute(Pod pod, List<SpreadConstraint> constraints, List<NodeInfo> nodes) {
    List<Map<String, Integer>> counts = new ArrayList<>();
    constraints.forEach(c -> counts.add(new HashMap<>()));
    String ns = Pods.namespace(pod);
    for (NodeInfo n : nodes) {
      Node node = n.node();
      if (!SpreadConstraint.nodeHasAllKeys(node, constraints)) {
        continue;
      }
      for (int i = 0; i < constraints.size(); i++) {
        SpreadConstraint c = constraints.get(i);
        if (!c.includesNode(pod, node)) {
          continue;
        }
        String value = Pods.labels(node).get(c.topologyKey());
        counts.get(i).merge(value, c.countMatching(n.pods(), ns), Integer::sum);
      }
    }
    return new FilterState(constraints, counts);
  }

  private void recomputeMin(int i) {
    int m = Integer.MAX_VALUE;
    for (int v : matchNum.get(i).values()) {
      m = Math.min(m, v);
    }
    min[i] = m;
  }

  /** The global minimum, 0 when fewer domains than minDomains exist. */
  int minMatchNum(int i) {
    if (matchNum.get(i).size() < constraints.get(i).minDomains()) {
      return 0;
    }
    return min[i];
  }

  /** Kubernetes' {@code updateWithPod}: a pod of the same namespace added (+1) or removed (-1). */
  void update(Pod changed, Pod preemptor, Node node, int delta) {
    if (!Pods.namespace(changed).equals(Pods.namespace(preemptor))
        || !SpreadConstraint.nodeHasAllKeys(node, constraints)) {
      return;
    }
    for (int i = 0; i < constraints.size(); i++) {
      SpreadConstraint c = constraints.get(i);
      if (!c.matches(changed) || !c.includesNode(preemptor, node)) {
        continue;
      }
      matchNum.get(i).merge(Pods.labels(node).get(c.topologyKey()), delta, Integer::sum);
      recomputeMin(i);
    }
  }

  @Override
  public CycleState.StateData copy() {
    List<Map<String, Integer>> copied = new ArrayList<>();
    matchNum.forEach(m -> copied.add(new HashMap<>(m)));
    return new FilterState(constraints, copied);
  }
}
