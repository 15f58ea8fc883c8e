package io.capstan.plugins.scheduler.defaultpreemption;

import io.capstan.plugins.scheduler.helper.Pods;
import io.capstan.spi.api.LabelSelectorSpec;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.FrameworkHandle;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.PodInfo;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' {@code SelectVictimsOnNode}: remove every lower-priority pod, check the pod fits, then
 * reprieve as many as possible, PDB-violating ones first, most important first; what cannot be
 * reprieved are the victims.
 */
final class VictimSelection {

  /** The victims on one node, or why the node cannot be a candidate. */
  record Result(List<PodInfo> victims, int numPdbViolations, Status status) {}

  private final FrameworkHandle handle;
  private final List<PodDisruptionBudget> pdbs;
  private final Comparator<PodInfo> moreImportantFirst;

  VictimSelection(FrameworkHandle handle, List<PodDisruptionBudget> pdbs, Instant now) {
    this.handle = handle;
    this.pdbs = pdbs;
    this.moreImportantFirst = moreImportantFirst(now);
  }

  /** Kubernetes' {@code MoreImportantPod}: higher priority, then earlier start time. */
  static Comparator<PodInfo> moreImportantFirst(Instant now) {
    return Comparator.<PodInfo>comparingInt(p -> -Pods.priority(p.pod()))
        .thenComparing(p -> Pods.startTime(p.pod()).orElse(now));
  }

  Result select(CycleState state, Pod pod, NodeInfo original) {
    PreemptionNodeInfo node = new PreemptionNodeInfo(original);
    int priority = Pods.priority(pod);
    List<PodInfo> potential = new ArrayList<>();
    for (PodInfo p : original.pods()) {
      if (Pods.priority(p.pod()) < priority) {
        potential.add(p);
        node.removePod(p);
        Status s = handle.runPreFilterExtensionRemovePod(state, pod, p, node);
        if (!s.isSuccess()) {
          return new Result(List.of(), 0, s);
        }
      }
    }
    if (potential.isEmpty()) {
      return new Result(List.of(), 0,
          Status.unschedulableAndUnresolvable("No preemption victims found for incoming pod"));
    }
    Status fits = handle.runFilterPlugins(state, pod, node);
    if (!fits.isSuccess()) {
      return new Result(List.of(), 0, fits);
    }
    potential.sort(moreImportantFirst);
    List<PodInfo> violating = new ArrayList<>();
    List<PodInfo> nonViolating = new ArrayList<>();
    splitByPdbViolation(potential, violating, nonViolating);
    List<PodInfo> victims = new ArrayList<>();
    int numViolating = 0;
    for (PodInfo p : violating) {
      if (!reprieve(state, pod, node, p, victims)) {
        numViolating++;
      }
    }
    for (PodInfo p : nonViolating) {
      reprieve(state, pod, node, p, victims);
    }
    victims.sort(moreImportantFirst);
    return new Result(victims, numViolating, Status.success());
  }

  /** Puts {@code p} back; if the pod then no longer fits, takes it out again as a victim. */
  private boolean reprieve(CycleState state, Pod pod, PreemptionNodeInfo node, PodInfo p,
      List<PodInfo> victims) {
    node.addPod(p);
    handle.runPreFilterExtensionAddPod(state, pod, p, node);
    if (handle.runFilterPlugins(state, pod, node).isSuccess()) {
      return true;
    }
    node.removePod(p);
    handle.runPreFilterExtensionRemovePod(state, pod, p, node);
    victims.add(p);
    return false;
  }

  /** Kubernetes' {@code filterPodsWithPDBViolation}, spending each budget's allowed disruptions. */
  void splitByPdbViolation(List<PodInfo> pods, List<PodInfo> violating, List<PodInfo> nonViolating) {
    int[] allowed = new int[pdbs.size()];
    for (int i = 0; i < pdbs.size(); i++) {
      var st = pdbs.get(i).getStatus();
      allowed[i] = st == null || st.getDisruptionsAllowed() == null ? 0 : st.getDisruptionsAllowed();
    }
    for (PodInfo p : pods) {
      boolean violated = false;
      Map<String, String> labels = Pods.labels(p.pod());
      if (!labels.isEmpty()) {
        for (int i = 0; i < pdbs.size(); i++) {
          PodDisruptionBudget pdb = pdbs.get(i);
          if (!Pods.namespace(p.pod()).equals(pdb.getMetadata().getNamespace())
              || pdb.getSpec() == null) {
            continue;
          }
          LabelSelectorSpec sel;
          try {
            sel = LabelSelectorSpec.fromFabric8(pdb.getSpec().getSelector());
          } catch (IllegalArgumentException e) {
            continue;
          }
          if (sel.matchesEverything() || sel.matchesNothing() || !sel.matches(labels)) {
            continue;
          }
          var disrupted = pdb.getStatus() == null ? null : pdb.getStatus().getDisruptedPods();
          if (disrupted != null && disrupted.containsKey(Pods.name(p.pod()))) {
            continue;
          }
          allowed[i]--;
          if (allowed[i] < 0) {
            violated = true;
          }
        }
      }
      (violated ? violating : nonViolating).add(p);
    }
  }
}
