package io.capstan.plugins.scheduler.interpodaffinity;

import io.capstan.plugins.scheduler.helper.Pods;
import io.capstan.plugins.scheduler.interpodaffinity.AffinityTerm.PodTerms;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.PodInfo;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * InterPodAffinity's PreScore state ({@code topologyScore}): per topology key and value, the sum of
 * the incoming pod's preferred (anti-)affinity weights over matching existing pods, plus the
 * existing pods' required affinity (× hardPodAffinityWeight) and preferred terms that match the
 * incoming pod. A node's raw score is the sum over its label values.
 */
final class ScoreState implements CycleState.StateData {

  final Map<String, Map<String, Long>> topologyScore = new HashMap<>();

  static ScoreState compute(Pod pod, PodTerms terms, NamespaceLabels ns, PodTermsCache cache,
      List<NodeInfo> nodes, boolean allPods, InterPodAffinityArgs args) {
    ScoreState s = new ScoreState();
    Map<String, String> incomingNsLabels = ns.of(Pods.namespace(pod));
    for (NodeInfo n : nodes) {
      Node node = n.node();
      if (Pods.labels(node).isEmpty()) {
        continue;
      }
      for (PodInfo existing : allPods ? n.pods() : n.podsWithAffinity()) {
        Pod e = existing.pod();
        Map<String, String> existingNsLabels = ns.of(Pods.namespace(e));
        s.process(terms.preferredAffinity(), e, existingNsLabels, node, 1, false, 0);
        s.process(terms.preferredAnti(), e, existingNsLabels, node, -1, false, 0);
        PodTerms theirs = cache.get(e);
        if (args.hardPodAffinityWeight() > 0) {
          s.process(theirs.requiredAffinity(), pod, incomingNsLabels, node, 1, true,
              args.hardPodAffinityWeight());
        }
        if (!args.ignorePreferredTermsOfExistingPods()) {
          s.process(theirs.preferredAffinity(), pod, incomingNsLabels, node, 1, false, 0);
          s.process(theirs.preferredAnti(), pod, incomingNsLabels, node, -1, false, 0);
        }
      }
    }
    return s;
  }

  private void process(List<AffinityTerm> terms, Pod candidate, Map<String, String> nsLabels,
      Node node, int multiplier, boolean fixedWeight, int weight) {
    for (AffinityTerm t : terms) {
      if (t.matches(candidate, nsLabels)) {
        String value = Pods.labels(node).get(t.topologyKey());
        if (value != null) {
          long w = (long) (fixedWeight ? weight : t.weight()) * multiplier;
          topologyScore.computeIfAbsent(t.topologyKey(), k -> new HashMap<>()).merge(value, w, Long::sum);
        }
      }
    }
  }

  long score(Node node) {
    Map<String, String> labels = Pods.labels(node);
    long score = 0;
    for (Map.Entry<String, Map<String, Long>> e : topologyScore.entrySet()) {
      String value = labels.get(e.getKey());
      if (value != null) {
        score += e.getValue().getOrDefault(value, 0L);
      }
    }
    return score;
  }

  @Override
  public CycleState.StateData copy() {
    return this; // read-only after PreScore
  }
}
