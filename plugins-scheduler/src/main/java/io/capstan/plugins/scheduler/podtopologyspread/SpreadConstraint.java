package io.capstan.plugins.scheduler.podtopologyspread;

import io.capstan.plugins.scheduler.helper.NodeSelectors;
import io.capstan.plugins.scheduler.helper.Pods;
import io.capstan.plugins.scheduler.helper.Tolerations;
import io.capstan.spi.api.LabelRequirement;
import io.capstan.spi.api.LabelSelectorSpec;
import io.capstan.spi.scheduler.PodInfo;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One parsed topology spread constraint (Kubernetes' {@code topologySpreadConstraint}): the
 * selector already merged with {@code matchLabelKeys}, policies defaulted (nodeAffinityPolicy
 * Honor, nodeTaintsPolicy Ignore), minDomains defaulted to 1.
 */
record SpreadConstraint(int maxSkew, String topologyKey, String whenUnsatisfiable,
    LabelSelectorSpec selector, int minDomains, boolean honorNodeAffinity, boolean honorTaints) {

  static final String DO_NOT_SCHEDULE = "DoNotSchedule";
  static final String SCHEDULE_ANYWAY = "ScheduleAnyway";
  static final String HOSTNAME = "kubernetes.io/hostname";

  static SpreadConstraint fromPod(TopologySpreadConstraint c, Pod pod) {
    LabelSelectorSpec selector = LabelSelectorSpec.fromFabric8(c.getLabelSelector());
    if (c.getMatchLabelKeys() != null && !c.getMatchLabelKeys().isEmpty()
        && !selector.matchesNothing()) {
      List<LabelRequirement> reqs = new ArrayList<>(selector.requirements());
      Map<String, String> labels = Pods.labels(pod);
      for (String key : c.getMatchLabelKeys()) {
        if (labels.containsKey(key)) {
          reqs.add(LabelRequirement.in(key, labels.get(key)));
        }
      }
      selector = LabelSelectorSpec.of(reqs);
    }
    return withSelector(c, selector);
  }

  static SpreadConstraint withSelector(TopologySpreadConstraint c, LabelSelectorSpec selector) {
    return new SpreadConstraint(c.getMaxSkew() == null ? 1 : c.getMaxSkew(), c.getTopologyKey(),
        c.getWhenUnsatisfiable() == null ? DO_NOT_SCHEDULE : c.getWhenUnsatisfiable(), selector,
        c.getMinDomains() == null ? 1 : c.getMinDomains(),
        !"Ignore".equals(c.getNodeAffinityPolicy()), "Honor".equals(c.getNodeTaintsPolicy()));
  }

  /** Whether {@code node} counts for this constraint given the incoming pod's policies. */
  boolean includesNode(Pod pod, Node node) {
    if (honorNodeAffinity && !NodeSelectors.podMatchesNode(pod, node)) {
      return false;
    }
    return !honorTaints || Tolerations.findUntolerated(Pods.taints(node), Pods.tolerations(pod),
        Tolerations::isNoScheduleOrNoExecute).isEmpty();
  }

  boolean matches(Pod pod) {
    return selector.matches(Pods.labels(pod));
  }

  /** Kubernetes' {@code countPodsMatchSelector}: same namespace, not terminating, selected. */
  int countMatching(List<PodInfo> pods, String namespace) {
    int count = 0;
    for (PodInfo p : pods) {
      if (!Pods.terminating(p.pod()) && namespace.equals(Pods.namespace(p.pod())) && matches(p.pod())) {
        count++;
      }
    }
    return count;
  }

  /** Whether the node has every constraint's topology key. */
  static boolean nodeHasAllKeys(Node node, List<SpreadConstraint> constraints) {
    Map<String, String> labels = Pods.labels(node);
    for (SpreadConstraint c : constraints) {
      if (!labels.containsKey(c.topologyKey())) {
        return false;
      }
    }
    return true;
  }
}
