package io.capstan.plugins.research.policies;

import io.capstan.plugins.research.gpu.DeviceChoice;
import io.capstan.plugins.research.gpu.GpuResources;
import io.capstan.plugins.research.gpu.NodeGpu;
import io.capstan.plugins.research.gpu.PodGpu;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.FrameworkHandle;
import io.capstan.spi.scheduler.NodeInfo;
import jakarta.inject.Inject;

/**
 * GpuPacking: prefers already-shared GPUs, then free GPUs on a used node, then an idle node. CPU
 * pods → 0. All GPUs free → max(33 − n_free, n_free). Otherwise the "best" device choice is
 * simulated: if it takes fully free GPUs → max(50 − n_taken, 33); else (partially used GPUs only)
 * → max(100 − Σ free% of the chosen GPUs / 10, 50). Devices: "best".
 */
public final class GpuPacking extends GpuPolicy {

  public static final String NAME = "GpuPacking";

  @Inject
  public GpuPacking(NoConfig config, FrameworkHandle handle) {
    super(handle, DeviceChoice.BEST);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  long score(CycleState state, PodGpu pod, NodeGpu node, NodeInfo nodeInfo) {
    if (!pod.wantsGpu()) {
      return 0;
    }
    int nFree = node.fullyFree();
    if (nFree == node.gpuCount()) {
      return Math.max(33 - nFree, nFree);
    }
    int[] chosen = DeviceChoice.BEST.choose(node, pod);
    int fullTaken = 0;
    long freePct = 0;
    for (int d : chosen) {
      int f = node.free()[d];
      if (f == GpuResources.MILLI_PER_GPU) {
        fullTaken++;
      }
      freePct += f * 100L / GpuResources.MILLI_PER_GPU;
    }
    if (fullTaken > 0) {
      return Math.max(50 - fullTaken, 33);
    }
    return Math.max(100 - freePct / 10, 50);
  }
}
