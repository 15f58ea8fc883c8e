package io.capstan.plugins.scheduler.interpodaffinity;

import io.capstan.plugins.scheduler.helper.Pods;
import io.capstan.spi.api.LabelRequirement;
import io.capstan.spi.api.LabelSelectorSpec;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed pod (anti-)affinity term (Kubernetes' {@code framework.AffinityTerm}): the namespaces
 * it looks at (its own list, or the owning pod's namespace when neither namespaces nor a
 * namespaceSelector is given), its namespaceSelector, its label selector merged with {@code
 * matchLabelKeys}/{@code mismatchLabelKeys}, and its topology key.
 */
record AffinityTerm(Set<String> namespaces, LabelSelectorSpec namespaceSelector,
    LabelSelectorSpec selector, String topologyKey, int weight) {

  /** Kubernetes' {@code AffinityTerm.Matches}. */
  boolean matches(Pod pod, Map<String, String> podNamespaceLabels) {
    if (namespaces.contains(Pods.namespace(pod)) || namespaceSelector.matches(podNamespaceLabels)) {
      return selector.matches(Pods.labels(pod));
    }
    return false;
  }

  static AffinityTerm parse(Pod owner, PodAffinityTerm t, int weight) {
    Set<String> ns = t.getNamespaces() == null ? Set.of() : Set.copyOf(t.getNamespaces());
    if (ns.isEmpty() && t.getNamespaceSelector() == null) {
      ns = Set.of(Pods.namespace(owner));
    }
    LabelSelectorSpec selector = LabelSelectorSpec.fromFabric8(t.getLabelSelector());
    Map<String, String> labels = Pods.labels(owner);
    if (!selector.matchesNothing() && (t.getMatchLabelKeys() != null || t.getMismatchLabelKeys() != null)) {
      List<LabelRequirement> reqs = new ArrayList<>(selector.requirements());
      for (String k : t.getMatchLabelKeys() == null ? List.<String>of() : t.getMatchLabelKeys()) {
        if (labels.containsKey(k)) {
          reqs.add(LabelRequirement.in(k, labels.get(k)));
        }
      }
      for (String k : t.getMismatchLabelKeys() == null ? List.<String>of() : t.getMismatchLabelKeys()) {
        if (labels.containsKey(k)) {
          reqs.add(LabelRequirement.notIn(k, labels.get(k)));
        }
      }
      selector = LabelSelectorSpec.of(reqs);
    }
    return new AffinityTerm(ns, LabelSelectorSpec.fromFabric8(t.getNamespaceSelector()), selector,
        t.getTopologyKey() == null ? "" : t.getTopologyKey(), weight);
  }

  /** The four term lists of a pod. */
  record PodTerms(List<AffinityTerm> requiredAffinity, List<AffinityTerm> requiredAnti,
      List<AffinityTerm> preferredAffinity, List<AffinityTerm> preferredAnti) {

    static final PodTerms NONE = new PodTerms(List.of(), List.of(), List.of(), List.of());

    static PodTerms of(Pod pod) {
      Affinity a = pod.getSpec() == null ? null : pod.getSpec().getAffinity();
      if (a == null || (a.getPodAffinity() == null && a.getPodAntiAffinity() == null)) {
        return NONE;
      }
      var pa = a.getPodAffinity();
      var anti = a.getPodAntiAffinity();
      return new PodTerms(
          required(pod, pa == null ? null : pa.getRequiredDuringSchedulingIgnoredDuringExecution()),
          required(pod, anti == null ? null : anti.getRequiredDuringSchedulingIgnoredDuringExecution()),
          preferred(pod, pa == null ? null : pa.getPreferredDuringSchedulingIgnoredDuringExecution()),
          preferred(pod, anti == null ? null : anti.getPreferredDuringSchedulingIgnoredDuringExecution()));
    }

    boolean hasRequired() {
      return !requiredAffinity.isEmpty() || !requiredAnti.isEmpty();
    }

    boolean hasPreferred() {
      return !preferredAffinity.isEmpty() || !preferredAnti.isEmpty();
    }

    private static List<AffinityTerm> required(Pod pod, List<PodAffinityTerm> terms) {
      return terms == null ? List.of() : terms.stream().map(t -> parse(pod, t, 1)).toList();
    }

    private static List<AffinityTerm> preferred(Pod pod, List<WeightedPodAffinityTerm> terms) {
      return terms == null ? List.of() : terms.stream().filter(t -> t.getPodAffinityTerm() != null)
          .map(t -> parse(pod, t.getPodAffinityTerm(), t.getWeight() == null ? 0 : t.getWeight()))
          .toList();
    }
  }

  /** Whether {@code pod} matches every term (false for no terms). */
  static boolean matchesAll(List<AffinityTerm> terms, Pod pod, Map<String, String> nsLabels) {
    if (terms.isEmpty()) {
      return false;
    }
    for (AffinityTerm t : terms) {
      if (!t.matches(pod, nsLabels)) {
        return false;
      }
    }
    return true;
  }
}
