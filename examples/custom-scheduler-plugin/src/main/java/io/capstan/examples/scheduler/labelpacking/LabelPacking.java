package io.capstan.examples.scheduler.labelpacking;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.PodRequests;
import io.capstan.spi.scheduler.Resource;
import io.capstan.spi.scheduler.ScorePlugin;
import io.capstan.spi.scheduler.ScoreResult;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * A ranker that packs pods onto the nodes of one pool (nodes labelled {@code labelKey=labelValue})
 * so the rest of the cluster can scale down or stay free:
 *
 * <pre>
 *   node outside the pool:  0
 *   node in the pool:       50 + 50 · min(used + pod, allocatable) / allocatable
 * </pre>
 *
 * where "used" counts the requests of the pods already there ({@code nonZeroRequested}: 100m CPU /
 * 200 MiB for containers that set none, as Kubernetes' scoring does). Pool nodes always beat other
 * nodes, fuller pool nodes beat emptier ones. Scores are already in [0, 100], so no normalization.
 * Combine it with the default profile and give it a weight larger than NodeResourcesFit's (which
 * spreads by default) to make it win.
 */
public final class LabelPacking implements ScorePlugin {

  public static final String NAME = "LabelPacking";

  private final LabelPackingArgs args;

  @Inject
  public LabelPacking(LabelPackingArgs args) {
    this.args = requireNonNull(args, "args");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ScoreResult score(CycleState state, Pod pod, NodeInfo nodeInfo) {
    Map<String, String> labels = nodeInfo.node().getMetadata().getLabels();
    String value = labels == null ? null : labels.get(args.labelKey());
    if (value == null || (!args.labelValue().isEmpty() && !args.labelValue().equals(value))) {
      return ScoreResult.of(0);
    }
    long allocatable = amount(nodeInfo.allocatable());
    if (allocatable == 0) {
      return ScoreResult.of(50);
    }
    long used = amount(nodeInfo.nonZeroRequested()) + amount(PodRequests.nonZeroRequests(pod));
    return ScoreResult.of(50 + 50 * Math.min(used, allocatable) / allocatable);
  }

  private long amount(Resource r) {
    return switch (args.resource()) {
      case "cpu" -> r.milliCpu();
      case "memory" -> r.memory();
      default -> r.scalar(args.resource());
    };
  }
}
