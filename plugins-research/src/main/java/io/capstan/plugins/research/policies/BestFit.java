package io.capstan.plugins.research.policies;

import io.capstan.plugins.research.gpu.DeviceChoice;
import io.capstan.plugins.research.gpu.GpuResources;
import io.capstan.plugins.research.gpu.NodeGpu;
import io.capstan.plugins.research.gpu.PodGpu;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.FrameworkHandle;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.NodeScore;
import io.capstan.spi.scheduler.ScoreExtensions;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * BestFit: s = 0.5·(cpu_free − cpu_req)/128000 + 0.5·(gpu_free − gpu_req)/8000, raw score
 * int(100·(1 − s)), then min-max normalised over the feasible nodes to [0, 100] (all 0 when they
 * are equal). The node with the least leftover wins; memory is not scored. Devices: "best".
 */
public final class BestFit extends GpuPolicy implements ScoreExtensions {

  public static final String NAME = "BestFit";

  @Inject
  public BestFit(NoConfig config, FrameworkHandle handle) {
    super(handle, DeviceChoice.BEST);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  long score(CycleState state, PodGpu pod, NodeGpu node, NodeInfo nodeInfo) {
    double s = 0.5 * (node.cpuFree() - pod.cpuMilli()) / GpuResources.MAX_SPEC_CPU
        + 0.5 * (node.freeTotal() - pod.totalMilli()) / GpuResources.MAX_SPEC_GPU;
    return (long) (100 * (1 - s));
  }

  @Override
  public Optional<ScoreExtensions> scoreExtensions() {
    return Optional.of(this);
  }

  @Override
  public Status normalizeScore(CycleState state, Pod pod, List<NodeScore> scores) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (NodeScore s : scores) {
      min = Math.min(min, s.score());
      max = Math.max(max, s.score());
    }
    for (int i = 0; i < scores.size(); i++) {
      long v = max == min ? NodeScore.MIN_NODE_SCORE
          : (scores.get(i).score() - min) * NodeScore.MAX_NODE_SCORE / (max - min);
      scores.set(i, scores.get(i).withScore(v));
    }
    return Status.success();
  }
}
