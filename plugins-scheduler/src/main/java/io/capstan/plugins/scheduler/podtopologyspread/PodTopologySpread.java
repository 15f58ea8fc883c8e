package io.capstan.plugins.scheduler.podtopologyspread;

import static java.util.Objects.requireNonNull;

import io.capstan.plugins.scheduler.helper.Pods;
import io.capstan.spi.api.LabelSelectorSpec;
import io.capstan.spi.scheduler.ClusterEvent.Action;
import io.capstan.spi.scheduler.ClusterEvent;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.EnqueueExtensions;
import io.capstan.spi.scheduler.FilterPlugin;
import io.capstan.spi.scheduler.FrameworkHandle;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.NodeScore;
import io.capstan.spi.scheduler.PodInfo;
import io.capstan.spi.scheduler.PreFilterExtensions;
import io.capstan.spi.scheduler.PreFilterPlugin;
import io.capstan.spi.scheduler.PreFilterResult;
import io.capstan.spi.scheduler.PreScorePlugin;
import io.capstan.spi.scheduler.ScoreExtensions;
import io.capstan.spi.scheduler.ScorePlugin;
import io.capstan.spi.scheduler.ScoreResult;
import io.capstan.spi.scheduler.SignPlugin;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Kubernetes' {@code PodTopologySpread} (weight 2).
 *
 * <p>Filter (DoNotSchedule constraints): for the node's domain D, {@code skew = matching(D) +
 * selfMatch − globalMin} must not exceed maxSkew ({@code node(s) didn't match pod topology spread
 * constraints}, UNSCHEDULABLE); the minimum is 0 when fewer than minDomains domains exist; a node
 * without the key is UNSCHEDULABLE_AND_UNRESOLVABLE. Only nodes passing nodeAffinityPolicy
 * (Honor by default) and nodeTaintsPolicy (Ignore by default) count.
 *
 * <p>Score (ScheduleAnyway constraints, or the defaults for pods without constraints): {@code
 * round(Σ matching·ln(domains+2) + maxSkew−1)}, normalized {@code 100·(max+min−s)/max} so fewer
 * matching pods score higher; nodes lacking a key are ignored (0).
 */
public final class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin,
    ScorePlugin, ScoreExtensions, PreFilterExtensions, EnqueueExtensions, SignPlugin {

  public static final String NAME = "PodTopologySpread";
  public static final String REASON_CONSTRAINTS = "node(s) didn't match pod topology spread constraints";
  public static final String REASON_LABEL =
      "node(s) didn't match pod topology spread constraints (missing required label)";
  static final CycleState.Key<FilterState> FILTER_KEY = CycleState.key("PreFilter" + NAME, FilterState.class);
  static final CycleState.Key<ScoreState> SCORE_KEY = CycleState.key("PreScore" + NAME, ScoreState.class);
  static final List<TopologySpreadConstraint> SYSTEM_DEFAULTS = List.of(
      new TopologySpreadConstraintBuilder().withTopologyKey("kubernetes.io/hostname").withMaxSkew(3)
          .withWhenUnsatisfiable("ScheduleAnyway").build(),
      new TopologySpreadConstraintBuilder().withTopologyKey("topology.kubernetes.io/zone")
          .withMaxSkew(5).withWhenUnsatisfiable("ScheduleAnyway").build());

  private final PodTopologySpreadArgs args;
  private final FrameworkHandle handle;

  @Inject
  public PodTopologySpread(PodTopologySpreadArgs args, FrameworkHandle handle) {
    this.args = requireNonNull(args, "args");
    this.handle = requireNonNull(handle, "handle");
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Spreading counts pods on other nodes: a pod with constraints (its own or defaults that apply) is not batched. */
  @Override
  public Optional<List<Object>> signPod(Pod pod) {
    if (!constraints(pod, SpreadConstraint.DO_NOT_SCHEDULE).isEmpty()
        || !constraints(pod, SpreadConstraint.SCHEDULE_ANYWAY).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(List.of());
  }

  /** The pod's own constraints of this kind, else the defaults of this kind. */
  List<SpreadConstraint> constraints(Pod pod, String when) {
    List<TopologySpreadConstraint> own = pod.getSpec() == null ? null
        : pod.getSpec().getTopologySpreadConstraints();
    if (own != null && !own.isEmpty()) {
      return own.stream().filter(c -> when.equals(whenOf(c)))
          .map(c -> SpreadConstraint.fromPod(c, pod)).toList();
    }
    List<TopologySpreadConstraint> defaults = args.defaultingType().equals(PodTopologySpreadArgs.SYSTEM)
        ? SYSTEM_DEFAULTS : args.defaultConstraints();
    List<TopologySpreadConstraint> applicable = defaults.stream()
        .filter(c -> when.equals(whenOf(c))).toList();
    if (applicable.isEmpty()) {
      return List.of();
    }
    LabelSelectorSpec selector = DefaultSelector.of(pod, handle);
    if (selector.matchesEverything()) {
      return List.of(); // no Service or controller selects the pod: nothing to spread against
    }
    return applicable.stream().map(c -> SpreadConstraint.withSelector(c, selector)).toList();
  }

  private static String whenOf(TopologySpreadConstraint c) {
    return c.getWhenUnsatisfiable() == null ? SpreadConstraint.DO_NOT_SCHEDULE : c.getWhenUnsatisfiable();
  }

  @Override
  public PreFilterResult preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
    List<SpreadConstraint> constraints = constraints(pod, SpreadConstraint.DO_NOT_SCHEDULE);
    if (constraints.isEmpty()) {
      return PreFilterResult.skip();
    }
    state.write(FILTER_KEY, FilterState.compute(pod, constraints, nodes));
    return PreFilterResult.allNodes();
  }

  @Override
  public Optional<PreFilterExtensions> preFilterExtensions() {
    return Optional.of(this);
  }

  @Override
  public Status addPod(CycleState state, Pod podToSchedule, PodInfo podToAdd, NodeInfo nodeInfo) {
    state.read(FILTER_KEY).ifPresent(s -> s.update(podToAdd.pod(), podToSchedule, nodeInfo.node(), 1));
    return Status.success();
  }

  @Override
  public Status removePod(CycleState state, Pod podToSchedule, PodInfo podToRemove, NodeInfo nodeInfo) {
    state.read(FILTER_KEY).ifPresent(s -> s.update(podToRemove.pod(), podToSchedule, nodeInfo.node(), -1));
    return Status.success();
  }

  @Override
  public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
    Optional<FilterState> s = state.read(FILTER_KEY);
    if (s.isEmpty()) {
      return Status.success();
    }
    FilterState fs = s.get();
    Map<String, String> labels = Pods.labels(nodeInfo.node());
    for (int i = 0; i < fs.constraints.size(); i++) {
      SpreadConstraint c = fs.constraints.get(i);
      String value = labels.get(c.topologyKey());
      if (value == null) {
        return Status.unschedulableAndUnresolvable(REASON_LABEL);
      }
      long selfMatch = c.matches(pod) ? 1 : 0;
      long skew = fs.matchNum.get(i).getOrDefault(value, 0) + selfMatch - fs.minMatchNum(i);
      if (skew > c.maxSkew()) {
        return Status.unschedulable(REASON_CONSTRAINTS);
      }
    }
    return Status.success();
  }

  @Override
  public Status preScore(CycleState state, Pod pod, List<NodeInfo> feasibleNodes) {
    List<SpreadConstraint> constraints = constraints(pod, SpreadConstraint.SCHEDULE_ANYWAY);
    if (constraints.isEmpty()) {
      return Status.skip();
    }
    boolean ownConstraints = pod.getSpec().getTopologySpreadConstraints() != null
        && !pod.getSpec().getTopologySpreadConstraints().isEmpty();
    boolean requireAll = ownConstraints || !args.defaultingType().equals(PodTopologySpreadArgs.SYSTEM);
    state.write(SCORE_KEY, ScoreState.compute(pod, constraints, requireAll, feasibleNodes,
        handle.snapshot().list()));
    return Status.success();
  }

  @Override
  public ScoreResult score(CycleState state, Pod pod, NodeInfo nodeInfo) {
    return state.read(SCORE_KEY).map(s -> ScoreResult.of(s.score(pod, nodeInfo)))
        .orElseGet(() -> ScoreResult.error(Status.error("PodTopologySpread: PreScore state missing")));
  }

  @Override
  public Optional<ScoreExtensions> scoreExtensions() {
    return Optional.of(this);
  }

  @Override
  public Status normalizeScore(CycleState state, Pod pod, List<NodeScore> scores) {
    Optional<ScoreState> s = state.read(SCORE_KEY);
    if (s.isEmpty()) {
      return Status.success();
    }
    Set<String> ignored = s.get().ignoredNodes;
    long min = Long.MAX_VALUE;
    long max = 0;
    for (NodeScore ns : scores) {
      if (!ignored.contains(ns.name())) {
        min = Math.min(min, ns.score());
        max = Math.max(max, ns.score());
      }
    }
    for (int i = 0; i < scores.size(); i++) {
      NodeScore ns = scores.get(i);
      long v;
      if (ignored.contains(ns.name())) {
        v = 0;
      } else if (max == 0) {
        v = NodeScore.MAX_NODE_SCORE;
      } else {
        v = NodeScore.MAX_NODE_SCORE * (max + min - ns.score()) / max;
      }
      scores.set(i, ns.withScore(v));
    }
    return Status.success();
  }

  @Override
  public Set<ClusterEvent> eventsToRegister() {
    return Set.of(ClusterEvent.of("pods", Action.ADD, Action.DELETE, Action.UPDATE_POD_LABEL),
        ClusterEvent.of("nodes", Action.ADD, Action.DELETE, Action.UPDATE_NODE_LABEL,
            Action.UPDATE_NODE_TAINT));
  }
}
