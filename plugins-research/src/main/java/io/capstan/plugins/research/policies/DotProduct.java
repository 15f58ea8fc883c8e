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
 * Tetris-style DotProduct: node vector (cpu_free/128000, gpu_free_total/8000), pod vector
 * (cpu_req/128000, gpu_req_total/8000); score = int(100·(1 − node·pod / 2)), 0 if the CPU does not
 * fit. The tightest fit wins. Devices: "best".
 */
public final class DotProduct extends GpuPolicy {

  public static final String NAME = "DotProduct";

  @Inject
  public DotProduct(NoConfig config, FrameworkHandle handle) {
    super(handle, DeviceChoice.BEST);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  long score(CycleState state, PodGpu pod, NodeGpu node, NodeInfo nodeInfo) {
    if (node.cpuFree() < pod.cpuMilli()) {
      return 0;
    }
    double dot = (double) node.cpuFree() / GpuResources.MAX_SPEC_CPU * pod.cpuMilli() / GpuResources.MAX_SPEC_CPU
        + (double) node.freeTotal() / GpuResources.MAX_SPEC_GPU * pod.totalMilli() / GpuResources.MAX_SPEC_GPU;
    return (long) (100 * (1 - dot / 2));
  }
}
