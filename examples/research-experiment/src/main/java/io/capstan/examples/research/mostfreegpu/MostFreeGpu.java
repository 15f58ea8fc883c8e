package io.capstan.examples.research.mostfreegpu;

import io.capstan.plugins.research.gpu.DeviceChoice;
import io.capstan.plugins.research.gpu.GpuLedger;
import io.capstan.plugins.research.gpu.GpuResources;
import io.capstan.plugins.research.gpu.NodeGpu;
import io.capstan.plugins.research.gpu.PodGpu;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.FrameworkHandle;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.ScorePlugin;
import io.capstan.spi.scheduler.ScoreResult;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.inject.Inject;

/**
 * A deliberately naive research policy ("worst fit"): put each pod on the node with the most free
 * milli-GPU, and a sharing pod on the emptiest GPU there. Spreading load like this fragments GPUs,
 * which is what the comparison with FGD shows.
 */
public final class MostFreeGpu implements ScorePlugin {

  public static final String NAME = "MostFreeGpu";

  private final GpuLedger ledger;

  @Inject
  public MostFreeGpu(NoConfig config, FrameworkHandle handle) {
    ledger = GpuLedger.of(handle);
    ledger.useDeviceChoice(MostFreeGpu::emptiestGpu);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ScoreResult score(CycleState state, Pod pod, NodeInfo nodeInfo) {
    NodeGpu node = ledger.node(nodeInfo);
    return ScoreResult.of(100 * node.freeTotal() / GpuResources.MAX_SPEC_GPU);
  }

  private static int[] emptiestGpu(NodeGpu node, PodGpu pod) {
    if (!pod.sharing()) {
      return DeviceChoice.wholeGpus(node, pod);
    }
    int best = -1;
    for (int i = 0; i < node.free().length; i++) {
      if (node.free()[i] >= pod.milliPerGpu() && (best < 0 || node.free()[i] > node.free()[best])) {
        best = i;
      }
    }
    return best < 0 ? new int[0] : new int[] {best};
  }
}
