package io.capstan.runtime.scheduler.testplugins;

import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.NodeScore;
import io.capstan.spi.scheduler.ScoreExtensions;
import io.capstan.spi.scheduler.ScorePlugin;
import io.capstan.spi.scheduler.ScoreResult;
import io.capstan.spi.scheduler.SignPlugin;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/**
 * Raw score: the integer value of the node label {@code test/rank} (any range); normalized as
 * Kubernetes' DefaultNormalizeScore: {@code score * 100 / max}.
 */
public final class TestLabelCount implements ScorePlugin, ScoreExtensions, SignPlugin {

  @Override
  public String name() {
    return "LabelCount";
  }

  @Override
  public Optional<List<Object>> signPod(Pod pod) {
    return Optional.of(List.of());
  }

  @Override
  public ScoreResult score(CycleState state, Pod pod, NodeInfo node) {
    String v = node.node().getMetadata().getLabels().get("test/rank");
    return ScoreResult.of(v == null ? 0 : Long.parseLong(v));
  }

  @Override
  public Optional<ScoreExtensions> scoreExtensions() {
    return Optional.of(this);
  }

  @Override
  public Status normalizeScore(CycleState state, Pod pod, List<NodeScore> scores) {
    long max = scores.stream().mapToLong(NodeScore::score).max().orElse(0);
    for (int i = 0; i < scores.size(); i++) {
      scores.set(i, scores.get(i).withScore(max == 0 ? 0 : scores.get(i).score() * 100 / max));
    }
    return Status.success();
  }
}
