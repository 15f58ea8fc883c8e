package io.capstan.runtime.scheduler.testplugins;

import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.ScorePlugin;
import io.capstan.spi.scheduler.ScoreResult;
import io.capstan.spi.scheduler.SignPlugin;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/** {@code (cap - requested) * 100 / cap} on CPU, already in [0, 100]: prefers emptier nodes. */
public final class TestLeastAllocated implements ScorePlugin, SignPlugin {

  @Override
  public String name() {
    return "LeastAllocatedCpu";
  }

  @Override
  public Optional<List<Object>> signPod(Pod pod) {
    return Optional.of(List.of());
  }

  @Override
  public ScoreResult score(CycleState state, Pod pod, NodeInfo node) {
    long cap = node.allocatable().milliCpu();
    long req = node.requested().milliCpu();
    return ScoreResult.of(cap == 0 || req > cap ? 0 : (cap - req) * 100 / cap);
  }
}
