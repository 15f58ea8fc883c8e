package io.capstan.plugins.scheduler.nodename;

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
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Kubernetes' {@code NodeName}: a pod that names a node in {@code spec.nodeName} fits only that
 * node (UNSCHEDULABLE_AND_UNRESOLVABLE elsewhere).
 */
public final class NodeName implements FilterPlugin, EnqueueExtensions, SignPlugin {

  public static final String NAME = "NodeName";
  public static final String REASON = "node(s) didn't match the requested node name";

  @Inject
  public NodeName(NoConfig config) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<List<Object>> signPod(Pod pod) {
    return Optional.of(java.util.Collections.singletonList(pod.getSpec() == null ? null : pod.getSpec().getNodeName()));
  }

  @Override
  public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
    String wanted = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    if (wanted == null || wanted.isEmpty() || wanted.equals(nodeInfo.nodeName())) {
      return Status.success();
    }
    return Status.unschedulableAndUnresolvable(REASON);
  }

  @Override
  public Set<ClusterEvent> eventsToRegister() {
    return Set.of(ClusterEvent.of("nodes", Action.ADD));
  }
}
