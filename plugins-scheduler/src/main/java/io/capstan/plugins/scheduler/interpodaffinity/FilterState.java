package io.capstan.plugins.scheduler.interpodaffinity;

import io.capstan.plugins.scheduler.helper.Pods;
import io.capstan.plugins.scheduler.interpodaffinity.AffinityTerm.PodTerms;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.NodeInfoLister;
import io.capstan.spi.scheduler.PodInfo;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * InterPodAffinity's PreFilter state: per topology pair ({@code key=value}), how many existing
 * pods' required anti-affinity terms match the incoming pod, how many existing pods match all of
 * the incoming pod's required affinity terms, and how many match each of its anti-affinity terms.
 * Pairs whose count drops to 0 are removed, as in Kubernetes.
 */
final class FilterState implements CycleState.StateData {

  final PodTerms terms;
  final NamespaceLabels namespaces;
  final PodTermsCache termsCache;
  final Map<String, Long> existingAnti;
  final Map<String, Long> affinity;
  final Map<String, Long> anti;

  private FilterState(PodTerms terms, NamespaceLabels namespaces, PodTermsCache termsCache,
      Map<String, Long> existingAnti, Map<String, Long> affinity, Map<String, Long> anti) {
    this.terms = terms;
    this.namespaces = namespaces;
    this.termsCache = termsCache;
    this.existingAnti = existingAnti;
    this.affinity = affinity;
    this.anti = anti;
  }

  static String pair(String key, String value) {
    return key + "\u0000" + value;
  }

  static FilterState compute(Pod pod, PodTerms terms, NamespaceLabels ns, PodTermsCache cache,
      NodeInfoLister snapshot, List<NodeInfo> nodes) {
    FilterState s = new FilterState(terms, ns, cache, new HashMap<>(), new HashMap<>(), new HashMap<>());
    for (NodeInfo n : snapshot.havePodsWithRequiredAntiAffinity()) {
      for (PodInfo existing : n.podsWithRequiredAntiAffinity()) {
        s.countExistingAnti(existing.pod(), pod, n.node(), 1);
      }
    }
    if (terms.hasRequired()) {
      for (NodeInfo n : nodes) {
        for (PodInfo existing : n.pods()) {
          s.countIncoming(existing.pod(), n.node(), 1);
        }
      }
    }
    return s;
  }

  /** The existing pod's required anti-affinity terms that match the incoming pod. */
  void countExistingAnti(Pod existing, Pod incoming, Node node, long delta) {
    Map<String, String> labels = Pods.labels(node);
    if (labels.isEmpty()) {
      return;
    }
    Map<String, String> nsLabels = namespaces.of(Pods.namespace(incoming));
    for (AffinityTerm t : termsCache.get(existing).requiredAnti()) {
      String value = labels.get(t.topologyKey());
      if (value != null && t.matches(incoming, nsLabels)) {
        add(existingAnti, pair(t.topologyKey(), value), delta);
      }
    }
  }

  /** The incoming pod's required terms against one existing pod. */
  void countIncoming(Pod existing, Node node, long delta) {
    Map<String, String> labels = Pods.labels(node);
    if (labels.isEmpty()) {
      return;
    }
    Map<String, String> nsLabels = namespaces.of(Pods.namespace(existing));
    if (AffinityTerm.matchesAll(terms.requiredAffinity(), existing, nsLabels)) {
      for (AffinityTerm t : terms.requiredAffinity()) {
        String value = labels.get(t.topologyKey());
        if (value != null) {
          add(affinity, pair(t.topologyKey(), value), delta);
        }
      }
    }
    for (AffinityTerm t : terms.requiredAnti()) {
      String value = labels.get(t.topologyKey());
      if (value != null && t.matches(existing, nsLabels)) {
        add(anti, pair(t.topologyKey(), value), delta);
      }
    }
  }

  private static void add(Map<String, Long> m, String key, long delta) {
    long v = m.getOrDefault(key, 0L) + delta;
    if (v == 0) {
      m.remove(key);
    } else {
      m.put(key, v);
    }
  }

  @Override
  public CycleState.StateData copy() {
    return new FilterState(terms, namespaces, termsCache, new HashMap<>(existingAnti), new HashMap<>(affinity),
        new HashMap<>(anti));
  }
}
