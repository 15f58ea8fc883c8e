package io.capstan.plugins.scheduler.helper;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Node selector matching as {@code component-helpers/scheduling/corev1/nodeaffinity}: terms are
 * ORed, a term's expressions and fields ANDed, an empty term matches nothing; operators In, NotIn,
 * Exists, DoesNotExist, Gt, Lt (integers); fields only {@code metadata.name} with In/NotIn. A term
 * Kubernetes would refuse to parse (unknown operator, bad integer) matches nothing.
 */
public final class NodeSelectors {

  private NodeSelectors() {}

  /**
   * Kubernetes' {@code RequiredNodeAffinity.Match}: the pod's {@code nodeSelector} labels and its
   * required node affinity terms.
   */
  public static boolean podMatchesNode(Pod pod, Node node) {
    Map<String, String> selector = pod.getSpec() == null ? null : pod.getSpec().getNodeSelector();
    if (selector != null && !selector.isEmpty()) {
      Map<String, String> labels = Pods.labels(node); // read only when needed: one node's labels are a cache miss
      for (Map.Entry<String, String> e : selector.entrySet()) {
        if (!e.getValue().equals(labels.get(e.getKey()))) {
          return false;
        }
      }
    }
    Affinity a = pod.getSpec() == null ? null : pod.getSpec().getAffinity();
    NodeAffinity na = a == null ? null : a.getNodeAffinity();
    NodeSelector required = na == null ? null : na.getRequiredDuringSchedulingIgnoredDuringExecution();
    return required == null || matches(required, node);
  }

  /** The pod's {@code requiredDuringSchedulingIgnoredDuringExecution}, if any. */
  public static Optional<NodeSelector> required(Pod pod) {
    return nodeAffinity(pod).map(NodeAffinity::getRequiredDuringSchedulingIgnoredDuringExecution);
  }

  /** The pod's preferred node affinity terms, never null. */
  public static List<PreferredSchedulingTerm> preferred(Pod pod) {
    return nodeAffinity(pod)
        .map(NodeAffinity::getPreferredDuringSchedulingIgnoredDuringExecution)
        .orElse(List.of());
  }

  private static Optional<NodeAffinity> nodeAffinity(Pod pod) {
    Affinity a = pod.getSpec() == null ? null : pod.getSpec().getAffinity();
    return Optional.ofNullable(a).map(Affinity::getNodeAffinity);
  }

  /** Whether any term of {@code selector} matches (no terms: nothing matches). */
  public static boolean matches(NodeSelector selector, Node node) {
    List<NodeSelectorTerm> terms = selector.getNodeSelectorTerms();
    if (terms == null) {
      return false;
    }
    for (NodeSelectorTerm term : terms) {
      if (matches(term, node)) {
        return true;
      }
    }
    return false;
  }

  /** One term: every expression and field requirement holds; an empty term matches nothing. */
  public static boolean matches(NodeSelectorTerm term, Node node) {
    List<NodeSelectorRequirement> exprs = orEmpty(term.getMatchExpressions());
    List<NodeSelectorRequirement> fields = orEmpty(term.getMatchFields());
    if (exprs.isEmpty() && fields.isEmpty()) {
      return false;
    }
    Map<String, String> labels = Pods.labels(node);
    for (NodeSelectorRequirement r : exprs) {
      if (!matchesLabel(r, labels)) {
        return false;
      }
    }
    String name = node.getMetadata() == null ? "" : node.getMetadata().getName();
    for (NodeSelectorRequirement r : fields) {
      if (!"metadata.name".equals(r.getKey())) {
        return false;
      }
      List<String> values = orEmpty(r.getValues());
      boolean in = values.contains(name);
      if ("In".equals(r.getOperator()) ? !in : !"NotIn".equals(r.getOperator()) || in) {
        return false;
      }
    }
    return true;
  }

  private static boolean matchesLabel(NodeSelectorRequirement r, Map<String, String> labels) {
    String key = r.getKey() == null ? "" : r.getKey();
    List<String> values = orEmpty(r.getValues());
    String op = r.getOperator() == null ? "" : r.getOperator();
    boolean has = labels.containsKey(key);
    String value = labels.get(key);
    switch (op) {
      case "In":
        return has && values.contains(value);
      case "NotIn":
        return !has || !values.contains(value);
      case "Exists":
        return has;
      case "DoesNotExist":
        return !has;
      case "Gt":
      case "Lt":
        if (!has || values.size() != 1) {
          return false;
        }
        try {
          long have = Long.parseLong(value);
          long want = Long.parseLong(values.get(0));
          return op.equals("Gt") ? have > want : have < want;
        } catch (NumberFormatException e) {
          return false;
        }
      default:
        return false;
    }
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
