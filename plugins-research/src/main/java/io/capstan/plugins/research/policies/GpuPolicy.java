package io.capstan.plugins.research.policies;

import io.capstan.plugins.research.gpu.DeviceChoice;
import io.capstan.plugins.research.gpu.GpuLedger;
import io.capstan.plugins.research.gpu.NodeGpu;
import io.capstan.plugins.research.gpu.PodGpu;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.FrameworkHandle;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.ScorePlugin;
import io.capstan.spi.scheduler.ScoreResult;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * The shape the six GPU policies share: a Score plugin over the node's GPU view from the profile's
 * {@link GpuLedger}, which also tells OpenGpuShare's Reserve how this policy picks devices.
 */
abstract class GpuPolicy implements ScorePlugin {

  protected final GpuLedger ledger;

  GpuPolicy(FrameworkHandle handle, DeviceChoice choice) {
    this.ledger = GpuLedger.of(handle);
    ledger.useDeviceChoice(choice);
  }

  @Override
  public final ScoreResult score(CycleState state, Pod pod, NodeInfo nodeInfo) {
    return ScoreResult.of(score(state, PodGpu.of(state, pod), ledger.node(nodeInfo), nodeInfo));
  }

  /** The raw score of placing {@code pod} on {@code node}. */
  abstract long score(CycleState state, PodGpu pod, NodeGpu node, NodeInfo nodeInfo);
}
