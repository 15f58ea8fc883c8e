package io.capstan.runtime.scheduler.testplugins;

import io.capstan.spi.scheduler.ClusterEvent;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.EnqueueExtensions;
import io.capstan.spi.scheduler.FilterPlugin;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.PodInfo;
import io.capstan.spi.scheduler.PreFilterPlugin;
import io.capstan.spi.scheduler.PreFilterResult;
import io.capstan.spi.scheduler.Resource;
import io.capstan.spi.scheduler.SignPlugin;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A fit filter on cpu, memory and pod count with Kubernetes' reasons; requeues on node and pod-delete events. */
public final class TestFit implements PreFilterPlugin, FilterPlugin, EnqueueExtensions, SignPlugin {

  record Request(Resource resource) implements CycleState.StateData {
    @Override
    public CycleState.StateData copy() {
      return this;
    }
  }

  static final CycleState.Key<Request> KEY = CycleState.key("PreFilterTestFit", Request.class);

  @Override
  public String name() {
    return "NodeResourcesFit";
  }

  @Override
  public Optional<List<Object>> signPod(Pod pod) {
    return Optional.of(List.of(io.capstan.runtime.scheduler.cache.PodInfos.of(pod).requests()));
  }

  @Override
  public PreFilterResult preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
    state.write(KEY, new Request(io.capstan.runtime.scheduler.cache.PodInfos.of(pod).requests()));
    return PreFilterResult.allNodes();
  }

  @Override
  public Status filter(CycleState state, Pod pod, NodeInfo node) {
    Resource req = state.read(KEY).orElseThrow().resource();
    Resource used = node.requested();
    Resource cap = node.allocatable();
    List<String> reasons = new ArrayList<>();
    if (used.allowedPodNumber() + 1 > cap.allowedPodNumber()) {
      reasons.add("Too many pods");
    }
    if (req.milliCpu() > 0 && req.milliCpu() > cap.milliCpu() - used.milliCpu()) {
      reasons.add("Insufficient cpu");
    }
    if (req.memory() > 0 && req.memory() > cap.memory() - used.memory()) {
      reasons.add("Insufficient memory");
    }
    return reasons.isEmpty() ? Status.success() : Status.unschedulable(reasons.toArray(new String[0]));
  }

  @Override
  public Set<ClusterEvent> eventsToRegister() {
    return Set.of(ClusterEvent.of("nodes", ClusterEvent.Action.ADD, ClusterEvent.Action.UPDATE_NODE_ALLOCATABLE),
        ClusterEvent.of("pods", ClusterEvent.Action.DELETE));
  }

  static long sumCpu(List<PodInfo> pods) {
    return pods.stream().mapToLong(p -> p.requests().milliCpu()).sum();
  }
}
