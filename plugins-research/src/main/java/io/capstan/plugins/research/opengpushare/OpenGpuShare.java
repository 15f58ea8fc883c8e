package io.capstan.plugins.research.opengpushare;

import static java.util.Objects.requireNonNull;

import io.capstan.plugins.research.gpu.GpuLedger;
import io.capstan.plugins.research.gpu.NodeGpu;
import io.capstan.plugins.research.gpu.PodGpu;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.FilterPlugin;
import io.capstan.spi.scheduler.FrameworkHandle;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.PreFilterPlugin;
import io.capstan.spi.scheduler.PreFilterResult;
import io.capstan.spi.scheduler.ReservePlugin;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * The GPU-sharing filter of the FGD paper's simulator (Open-Gpu-Share semantics) and its device
 * accounting. Filter: a GPU pod needs a node with GPUs of an allowed model where a sharing pod
 * finds one GPU with at least its milli free and an n-GPU pod finds n fully free GPUs. Reserve:
 * picks the devices on the chosen node with the profile's {@link
 * io.capstan.plugins.research.gpu.DeviceChoice} (set by the policy plugin, "best" otherwise) and
 * records them in the profile's {@link GpuLedger}.
 */
public final class OpenGpuShare implements PreFilterPlugin, FilterPlugin, ReservePlugin {

  public static final String NAME = "OpenGpuShare";

  private static final Status NO_GPU = Status.unschedulableAndUnresolvable("node has no GPU");
  private static final Status WRONG_MODEL = Status.unschedulableAndUnresolvable("GPU model not allowed by the pod");
  private static final Status NO_SHARE = Status.unschedulable("no GPU with enough free milli-GPU");
  private static final Status NO_WHOLE = Status.unschedulable("not enough free GPUs");

  private final FrameworkHandle handle;
  private final GpuLedger ledger;

  @Inject
  public OpenGpuShare(NoConfig config, FrameworkHandle handle) {
    this.handle = requireNonNull(handle, "handle");
    this.ledger = GpuLedger.of(handle);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public PreFilterResult preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
    PodGpu req = PodGpu.of(pod);
    state.write(PodGpu.KEY, req);
    return req.wantsGpu() ? PreFilterResult.allNodes() : PreFilterResult.skip();
  }

  @Override
  public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
    PodGpu req = PodGpu.of(state, pod);
    if (!req.wantsGpu()) {
      return Status.success();
    }
    NodeGpu node = ledger.node(nodeInfo);
    if (node.gpuCount() == 0) {
      return NO_GPU;
    }
    if (!req.allows(node.model())) {
      return WRONG_MODEL;
    }
    if (!node.gpusFit(req)) {
      return req.sharing() ? NO_SHARE : NO_WHOLE;
    }
    return Status.success();
  }

  @Override
  public Status reserve(CycleState state, Pod pod, String nodeName) {
    PodGpu req = PodGpu.of(state, pod);
    if (!req.wantsGpu()) {
      return Status.success();
    }
    Optional<NodeInfo> info = handle.snapshot().get(nodeName);
    if (info.isEmpty()) {
      return Status.error("node " + nodeName + " is not in the snapshot");
    }
    int[] gpus = ledger.deviceChoice().choose(ledger.node(info.get()), req);
    if (gpus.length == 0) {
      return Status.unschedulable("no GPU on the node can host the pod");
    }
    ledger.assign(pod.getMetadata().getUid(), gpus);
    return Status.success();
  }

  @Override
  public void unreserve(CycleState state, Pod pod, String nodeName) {
    ledger.release(pod.getMetadata().getUid());
  }
}
