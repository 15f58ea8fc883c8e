package io.capstan.plugins.scheduler.nodeunschedulable;

import io.capstan.plugins.scheduler.helper.Pods;
import io.capstan.plugins.scheduler.helper.Tolerations;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.ClusterEvent.Action;
import io.capstan.spi.scheduler.ClusterEvent;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.EnqueueExtensions;
import io.capstan.spi.scheduler.FilterPlugin;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.SignPlugin;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Kubernetes' {@code NodeUnschedulable}: a node with {@code spec.unschedulable: true} is rejected
 * (UNSCHEDULABLE_AND_UNRESOLVABLE) unless the pod tolerates the taint {@code
 * node.kubernetes.io/unschedulable:NoSchedule}.
 */
public final class NodeUnschedulable implements FilterPlugin, EnqueueExtensions, SignPlugin {

  public static final String NAME = "NodeUnschedulable";
  public static final String REASON_UNSCHEDULABLE = "node(s) were unschedulable";
  public static final String REASON_UNKNOWN_CONDITION = "node(s) had unknown conditions";
  static final Taint UNSCHEDULABLE_TAINT = new TaintBuilder()
      .withKey("node.kubernetes.io/unschedulable").withEffect("NoSchedule").build();

  @Inject
  public NodeUnschedulable(NoConfig config) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<List<Object>> signPod(Pod pod) {
    return Optional.of(List.of(Pods.tolerations(pod)));
  }

  @Override
  public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
    if (nodeInfo.node() == null) {
      return Status.unschedulableAndUnresolvable(REASON_UNKNOWN_CONDITION);
    }
    var spec = nodeInfo.node().getSpec();
    boolean unschedulable = spec != null && Boolean.TRUE.equals(spec.getUnschedulable());
    if (unschedulable && !Tolerations.tolerated(Pods.tolerations(pod), UNSCHEDULABLE_TAINT)) {
      return Status.unschedulableAndUnresolvable(REASON_UNSCHEDULABLE);
    }
    return Status.success();
  }

  @Override
  public Set<ClusterEvent> eventsToRegister() {
    return Set.of(ClusterEvent.of("nodes", Action.ADD, Action.UPDATE_NODE_TAINT),
        ClusterEvent.of("pods", Action.UPDATE_POD_TOLERATIONS));
  }
}
