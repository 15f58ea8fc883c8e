package io.capstan.plugins.scheduler.tainttoleration;

import io.capstan.plugins.scheduler.helper.NormalizeScores;
import io.capstan.plugins.scheduler.helper.Pods;
import io.capstan.plugins.scheduler.helper.Tolerations;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.ClusterEvent.Action;
import io.capstan.spi.scheduler.ClusterEvent;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.EnqueueExtensions;
import io.capstan.spi.scheduler.FilterPlugin;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.NodeScore;
import io.capstan.spi.scheduler.PreScorePlugin;
import io.capstan.spi.scheduler.ScoreExtensions;
import io.capstan.spi.scheduler.ScorePlugin;
import io.capstan.spi.scheduler.ScoreResult;
import io.capstan.spi.scheduler.SignPlugin;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Kubernetes' {@code TaintToleration} (weight 3 in the default profile).
 *
 * <p>Filter: a node with a {@code NoSchedule} or {@code NoExecute} taint the pod does not tolerate
 * is rejected as UNSCHEDULABLE_AND_UNRESOLVABLE with {@code node(s) had untolerated taint {key:
 * value}}. Score: the raw score is the number of the node's {@code PreferNoSchedule} taints that
 * the pod's tolerations with an empty or {@code PreferNoSchedule} effect do not tolerate; normalize
 * is {@code DefaultNormalizeScore(100, reverse)}: {@code 100 - 100·raw/max}, all 100 if max is 0.
 */
public final class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin,
    ScoreExtensions, EnqueueExtensions, SignPlugin {

  public static final String NAME = "TaintToleration";
  static final CycleState.Key<PreScoreState> KEY =
      CycleState.key("PreScore" + NAME, PreScoreState.class);

  /** The pod's tolerations that matter for scoring. */
  record PreScoreState(List<Toleration> tolerations) implements CycleState.StateData {
    @Override
    public CycleState.StateData copy() {
      return this;
    }
  }

  @Inject
  public TaintToleration(NoConfig config) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<List<Object>> signPod(Pod pod) {
    return Optional.of(List.of(Pods.tolerations(pod)));
  }

  @Override
  public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
    List<Taint> taints = Pods.taints(nodeInfo.node());
    if (taints.isEmpty()) {
      return Status.success();
    }
    Optional<Taint> taint = Tolerations.findUntolerated(taints, Pods.tolerations(pod),
        Tolerations::isNoScheduleOrNoExecute);
    if (taint.isEmpty()) {
      return Status.success();
    }
    Taint t = taint.get();
    return Status.unschedulableAndUnresolvable("node(s) had untolerated taint {" + t.getKey() + ": "
        + (t.getValue() == null ? "" : t.getValue()) + "}");
  }

  @Override
  public Status preScore(CycleState state, Pod pod, List<NodeInfo> feasibleNodes) {
    state.write(KEY, new PreScoreState(preferNoScheduleTolerations(pod)));
    return Status.success();
  }

  private static List<Toleration> preferNoScheduleTolerations(Pod pod) {
    return Pods.tolerations(pod).stream()
        .filter(t -> t.getEffect() == null || t.getEffect().isEmpty()
            || t.getEffect().equals("PreferNoSchedule"))
        .toList();
  }

  @Override
  public ScoreResult score(CycleState state, Pod pod, NodeInfo nodeInfo) {
    List<Taint> taints = Pods.taints(nodeInfo.node());
    if (taints.isEmpty()) {
      return ScoreResult.of(0);
    }
    PreScoreState pre = state.read(KEY).orElse(null);
    List<Toleration> tolerations = pre != null ? pre.tolerations() : preferNoScheduleTolerations(pod);
    long count = 0;
    for (Taint taint : taints) {
      if ("PreferNoSchedule".equals(taint.getEffect())
          && !Tolerations.tolerated(tolerations, taint)) {
        count++;
      }
    }
    return ScoreResult.of(count);
  }

  @Override
  public Optional<ScoreExtensions> scoreExtensions() {
    return Optional.of(this);
  }

  @Override
  public Status normalizeScore(CycleState state, Pod pod, List<NodeScore> scores) {
    NormalizeScores.defaultNormalize(true, scores);
    return Status.success();
  }

  @Override
  public Set<ClusterEvent> eventsToRegister() {
    return Set.of(ClusterEvent.of("nodes", Action.ADD, Action.UPDATE_NODE_TAINT),
        ClusterEvent.of("pods", Action.UPDATE_POD_TOLERATIONS));
  }
}
