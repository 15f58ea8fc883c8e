package io.capstan.examples.scheduler.gpufit;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.scheduler.ClusterEvent;
import io.capstan.spi.scheduler.ClusterEvent.Action;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.EnqueueExtensions;
import io.capstan.spi.scheduler.FilterPlugin;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.PodRequests;
import io.capstan.spi.scheduler.PreFilterPlugin;
import io.capstan.spi.scheduler.PreFilterResult;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;

/**
 * A GPU-count filter on the extended resource {@code nvidia.com/gpu} (configurable).
 *
 * <ul>
 *   <li>A pod asking for GPUs fits only nodes with that many <em>free</em> GPUs (allocatable minus
 *       what the pods there already requested). A node without GPUs is rejected for good
 *       (UNSCHEDULABLE_AND_UNRESOLVABLE: evicting pods cannot add GPUs); a node whose GPUs are taken
 *       is UNSCHEDULABLE, so preemption may free them.
 *   <li>With {@code reserveGpuNodes} (default), a pod asking for no GPU is kept off GPU nodes.
 * </ul>
 *
 * <p>PreFilter computes the pod's GPU request once per cycle (the framework then calls Filter for
 * many nodes in parallel, so Filter only reads). EnqueueExtensions tells the queue which cluster
 * changes can make a rejected pod fit: a node added or its allocatable changed, a pod deleted.
 */
public final class GpuFit implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {

  public static final String NAME = "GpuFit";
  static final CycleState.Key<Request> KEY = CycleState.key("PreFilter" + NAME, Request.class);

  /** The incoming pod's GPU request, computed once per cycle. */
  record Request(long gpus) implements CycleState.StateData {
    @Override
    public CycleState.StateData copy() {
      return this; // immutable
    }
  }

  private final GpuFitArgs args;

  @Inject
  public GpuFit(GpuFitArgs args) {
    this.args = requireNonNull(args, "args");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public PreFilterResult preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
    long gpus = PodRequests.requests(pod).scalar(args.resourceName());
    if (gpus == 0 && !args.reserveGpuNodes()) {
      return PreFilterResult.skip(); // nothing to check: Filter is not called for this pod
    }
    state.write(KEY, new Request(gpus));
    return PreFilterResult.allNodes();
  }

  @Override
  public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
    long wanted = state.read(KEY).map(Request::gpus)
        .orElseGet(() -> PodRequests.requests(pod).scalar(args.resourceName()));
    long total = nodeInfo.allocatable().scalar(args.resourceName());
    if (wanted == 0) {
      return total > 0
          ? Status.unschedulableAndUnresolvable("node(s) are reserved for GPU pods")
          : Status.success();
    }
    if (total == 0) {
      return Status.unschedulableAndUnresolvable("node(s) had no " + args.resourceName());
    }
    long free = total - nodeInfo.requested().scalar(args.resourceName());
    if (free < wanted) {
      return wanted > total
          ? Status.unschedulableAndUnresolvable("node(s) had too few " + args.resourceName())
          : Status.unschedulable("node(s) had too few free " + args.resourceName());
    }
    return Status.success();
  }

  @Override
  public Set<ClusterEvent> eventsToRegister() {
    return Set.of(ClusterEvent.of("nodes", Action.ADD, Action.UPDATE_NODE_ALLOCATABLE),
        ClusterEvent.of("pods", Action.DELETE));
  }
}
