package io.capstan.plugins.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' {@code NodeShouldRunDaemonPod}: whether a daemon pod belongs on a node (nodeSelector,
 * required node affinity, NoSchedule/NoExecute taints against the pod's tolerations plus the
 * tolerations every daemon pod gets), and whether one already there may stay (only NoExecute
 * taints evict).
 */
final class DaemonSetNodes {

  /** What a node means for a DaemonSet. */
  record Fit(boolean shouldRun, boolean shouldContinueRunning) {}

  private DaemonSetNodes() {}

  /** Kubernetes' default DaemonSet tolerations (util.AddOrUpdateDaemonPodTolerations). */
  static List<Toleration> withDefaultTolerations(PodSpec spec) {
    List<Toleration> tolerations = new ArrayList<>(spec.getTolerations() == null ? List.of() : spec.getTolerations());
    add(tolerations, "node.kubernetes.io/not-ready", "NoExecute");
    add(tolerations, "node.kubernetes.io/unreachable", "NoExecute");
    add(tolerations, "node.kubernetes.io/disk-pressure", "NoSchedule");
    add(tolerations, "node.kubernetes.io/memory-pressure", "NoSchedule");
    add(tolerations, "node.kubernetes.io/pid-pressure", "NoSchedule");
    add(tolerations, "node.kubernetes.io/unschedulable", "NoSchedule");
    if (Boolean.TRUE.equals(spec.getHostNetwork())) {
      add(tolerations, "node.kubernetes.io/network-unavailable", "NoSchedule");
    }
    return tolerations;
  }

  private static void add(List<Toleration> tolerations, String key, String effect) {
    if (tolerations.stream().noneMatch(t -> key.equals(t.getKey()) && effect.equals(t.getEffect()) && "Exists".equals(t.getOperator()))) {
      tolerations.add(new TolerationBuilder().withKey(key).withOperator("Exists").withEffect(effect).build());
    }
  }

  static Fit fit(PodSpec template, Node node) {
    Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
    if (template.getNodeSelector() != null && !labels.entrySet().containsAll(template.getNodeSelector().entrySet())) {
      return new Fit(false, false);
    }
    if (template.getAffinity() != null && template.getAffinity().getNodeAffinity() != null) {
      NodeSelector required = template.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
      if (required != null && required.getNodeSelectorTerms() != null && !required.getNodeSelectorTerms().isEmpty()
          && required.getNodeSelectorTerms().stream().noneMatch(term -> matches(term, node, labels))) {
        return new Fit(false, false);
      }
    }
    List<Toleration> tolerations = withDefaultTolerations(template);
    boolean schedulable = true;
    boolean mayStay = true;
    for (Taint taint : node.getSpec() == null || node.getSpec().getTaints() == null ? List.<Taint>of() : node.getSpec().getTaints()) {
      boolean tolerated = tolerations.stream().anyMatch(t -> tolerates(t, taint));
      if (tolerated) {
        continue;
      }
      if ("NoExecute".equals(taint.getEffect())) {
        schedulable = false;
        mayStay = false;
      } else if ("NoSchedule".equals(taint.getEffect())) {
        schedulable = false;
      }
    }
    return new Fit(schedulable, mayStay);
  }

  static boolean tolerates(Toleration t, Taint taint) {
    if (t.getEffect() != null && !t.getEffect().isEmpty() && !t.getEffect().equals(taint.getEffect())) {
      return false;
    }
    boolean exists = "Exists".equals(t.getOperator());
    if (t.getKey() == null || t.getKey().isEmpty()) {
      return exists;
    }
    if (!t.getKey().equals(taint.getKey())) {
      return false;
    }
    return exists || java.util.Objects.equals(t.getValue() == null ? "" : t.getValue(), taint.getValue() == null ? "" : taint.getValue());
  }

  private static boolean matches(NodeSelectorTerm term, Node node, Map<String, String> labels) {
    boolean any = false;
    for (NodeSelectorRequirement r : term.getMatchExpressions() == null ? List.<NodeSelectorRequirement>of() : term.getMatchExpressions()) {
      any = true;
      if (!requirement(r, labels.get(r.getKey()), labels.containsKey(r.getKey()))) {
        return false;
      }
    }
    for (NodeSelectorRequirement r : term.getMatchFields() == null ? List.<NodeSelectorRequirement>of() : term.getMatchFields()) {
      any = true;
      if (!"metadata.name".equals(r.getKey()) || !requirement(r, node.getMetadata().getName(), true)) {
        return false;
      }
    }
    return any; // an empty term matches nothing, as in Kubernetes
  }

  private static boolean requirement(NodeSelectorRequirement r, String value, boolean present) {
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    return switch (r.getOperator()) {
      case "In" -> present && values.contains(value);
      case "NotIn" -> !present || !values.contains(value);
      case "Exists" -> present;
      case "DoesNotExist" -> !present;
      case "Gt", "Lt" -> present && values.size() == 1 && compare(value, values.get(0), r.getOperator());
      default -> false;
    };
  }

  private static boolean compare(String value, String bound, String op) {
    try {
      long v = Long.parseLong(value);
      long b = Long.parseLong(bound);
      return "Gt".equals(op) ? v > b : v < b;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
