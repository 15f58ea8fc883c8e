package io.capstan.runtime.scheduler.testplugins;

import io.capstan.spi.scheduler.ClusterEvent;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.EnqueueExtensions;
import io.capstan.spi.scheduler.FilterPlugin;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Set;

/**
 * Rejects nodes with a NoSchedule taint the pod does not tolerate (key match only), as
 * TaintToleration's filter words it. Does not sign pods, so a profile with it never batches.
 */
public final class TestTaints implements FilterPlugin, EnqueueExtensions {

  @Override
  public String name() {
    return "TaintToleration";
  }

  @Override
  public Status filter(CycleState state, Pod pod, NodeInfo node) {
    List<Taint> taints = node.node().getSpec() == null || node.node().getSpec().getTaints() == null ? List.of()
        : node.node().getSpec().getTaints();
    List<Toleration> tolerations = pod.getSpec().getTolerations() == null ? List.of() : pod.getSpec().getTolerations();
    for (Taint t : taints) {
      if (!"NoSchedule".equals(t.getEffect()) && !"NoExecute".equals(t.getEffect())) {
        continue;
      }
      boolean tolerated = tolerations.stream().anyMatch(x -> t.getKey().equals(x.getKey()));
      if (!tolerated) {
        return Status.unschedulableAndUnresolvable("node(s) had untolerated taint {" + t.getKey() + ": "
            + (t.getValue() == null ? "" : t.getValue()) + "}");
      }
    }
    return Status.success();
  }

  @Override
  public Set<ClusterEvent> eventsToRegister() {
    return Set.of(ClusterEvent.of("nodes", ClusterEvent.Action.ADD, ClusterEvent.Action.UPDATE_NODE_TAINT));
  }
}
