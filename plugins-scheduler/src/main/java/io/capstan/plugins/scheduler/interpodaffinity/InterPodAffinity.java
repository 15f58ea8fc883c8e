package io.capstan.plugins.scheduler.interpodaffinity;

import static java.util.Objects.requireNonNull;

import io.capstan.plugins.scheduler.helper.Pods;
import io.capstan.plugins.scheduler.interpodaffinity.AffinityTerm.PodTerms;
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
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Kubernetes' {@code InterPodAffinity} (weight 2).
 *
 * <p>Filter, in Kubernetes' order: the pod's required affinity (every term's topology key on the
 * node, and some pod matching all terms in that domain, except for the first pod of a group that
 * matches its own terms) else UNSCHEDULABLE_AND_UNRESOLVABLE {@code node(s) didn't match pod
 * affinity rules}; its required anti-affinity ({@code node(s) didn't match pod anti-affinity
 * rules}); existing pods' required anti-affinity against it, the symmetric check ({@code node(s)
 * didn't satisfy existing pods anti-affinity rules}); both UNSCHEDULABLE.
 *
 * <p>Score: see {@link ScoreState}; normalized {@code (long) (100·(s−min)/(max−min))}, all 0 when
 * max equals min.
 */
public final class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreFilterExtensions,
    PreScorePlugin, ScorePlugin, ScoreExtensions, EnqueueExtensions, SignPlugin {

  public static final String NAME = "InterPodAffinity";
  public static final String REASON_AFFINITY = "node(s) didn't match pod affinity rules";
  public static final String REASON_ANTI = "node(s) didn't match pod anti-affinity rules";
  public static final String REASON_EXISTING_ANTI =
      "node(s) didn't satisfy existing pods anti-affinity rules";
  static final CycleState.Key<FilterState> FILTER_KEY = CycleState.key("PreFilter" + NAME, FilterState.class);
  static final CycleState.Key<ScoreState> SCORE_KEY = CycleState.key("PreScore" + NAME, ScoreState.class);

  private final InterPodAffinityArgs args;
  private final FrameworkHandle handle;
  private final PodTermsCache termsCache = new PodTermsCache();

  @Inject
  public InterPodAffinity(InterPodAffinityArgs args, FrameworkHandle handle) {
    this.args = requireNonNull(args, "args");
    this.handle = requireNonNull(handle, "handle");
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * A pod with affinity terms of its own depends on pods on other nodes: not batched. Without, its
   * verdicts and scores come from existing pods' terms matching its namespace and labels, which a
   * batch of such pods does not change (the framework ends a batch when affinity-bearing pods change).
   */
  @Override
  public Optional<List<Object>> signPod(Pod pod) {
    PodTerms terms = PodTerms.of(pod);
    if (terms.hasRequired() || terms.hasPreferred()) {
      return Optional.empty();
    }
    return Optional.of(java.util.Arrays.asList(Pods.namespace(pod), Pods.labels(pod)));
  }

  @Override
  public PreFilterResult preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
    PodTerms terms = PodTerms.of(pod);
    if (!terms.hasRequired() && handle.snapshot().havePodsWithRequiredAntiAffinity().isEmpty()) {
      return PreFilterResult.skip(); // nothing can match: skip without reading namespaces
    }
    FilterState s = FilterState.compute(pod, terms, NamespaceLabels.read(handle), termsCache,
        handle.snapshot(), nodes);
    if (s.existingAnti.isEmpty() && !terms.hasRequired()) {
      return PreFilterResult.skip(); // as Kubernetes: no existing anti-affinity matches the pod
    }
    state.write(FILTER_KEY, s);
    return PreFilterResult.allNodes();
  }

  @Override
  public Optional<PreFilterExtensions> preFilterExtensions() {
    return Optional.of(this);
  }

  @Override
  public Status addPod(CycleState state, Pod podToSchedule, PodInfo podToAdd, NodeInfo nodeInfo) {
    return update(state, podToSchedule, podToAdd, nodeInfo, 1);
  }

  @Override
  public Status removePod(CycleState state, Pod podToSchedule, PodInfo podToRemove, NodeInfo nodeInfo) {
    return update(state, podToSchedule, podToRemove, nodeInfo, -1);
  }

  private Status update(CycleState state, Pod incoming, PodInfo other, NodeInfo nodeInfo, long delta) {
    state.read(FILTER_KEY).ifPresent(s -> {
      s.countExistingAnti(other.pod(), incoming, nodeInfo.node(), delta);
      s.countIncoming(other.pod(), nodeInfo.node(), delta);
    });
    return Status.success();
  }

  @Override
  public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
    Optional<FilterState> read = state.read(FILTER_KEY);
    if (read.isEmpty()) {
      return Status.success();
    }
    FilterState s = read.get();
    Map<String, String> labels = Pods.labels(nodeInfo.node());
    if (!satisfiesAffinity(s, pod, labels)) {
      return Status.unschedulableAndUnresolvable(REASON_AFFINITY);
    }
    for (AffinityTerm t : s.terms.requiredAnti()) {
      String value = labels.get(t.topologyKey());
      if (value != null && s.anti.getOrDefault(FilterState.pair(t.topologyKey(), value), 0L) > 0) {
        return Status.unschedulable(REASON_ANTI);
      }
    }
    for (Map.Entry<String, String> label : labels.entrySet()) {
      if (s.existingAnti.getOrDefault(FilterState.pair(label.getKey(), label.getValue()), 0L) > 0) {
        return Status.unschedulable(REASON_EXISTING_ANTI);
      }
    }
    return Status.success();
  }

  private static boolean satisfiesAffinity(FilterState s, Pod pod, Map<String, String> labels) {
    boolean podsExist = true;
    for (AffinityTerm t : s.terms.requiredAffinity()) {
      String value = labels.get(t.topologyKey());
      if (value == null) {
        return false;
      }
      if (s.affinity.getOrDefault(FilterState.pair(t.topologyKey(), value), 0L) <= 0) {
        podsExist = false;
      }
    }
    if (podsExist) {
      return true;
    }
    // the first pod of a group that selects itself may go anywhere with the topology keys
    return s.affinity.isEmpty() && AffinityTerm.matchesAll(s.terms.requiredAffinity(), pod,
        s.namespaces.of(Pods.namespace(pod)));
  }

  @Override
  public Status preScore(CycleState state, Pod pod, List<NodeInfo> feasibleNodes) {
    PodTerms terms = PodTerms.of(pod);
    boolean hasConstraints = terms.hasPreferred();
    if (args.ignorePreferredTermsOfExistingPods() && !hasConstraints) {
      return Status.skip();
    }
    List<NodeInfo> nodes = hasConstraints ? handle.snapshot().list()
        : handle.snapshot().havePodsWithAffinity();
    if (nodes.isEmpty()) {
      return Status.skip(); // nothing to score against (the common case: no pod uses affinity)
    }
    ScoreState s = ScoreState.compute(pod, terms, NamespaceLabels.read(handle), termsCache,
        nodes, hasConstraints, args);
    if (s.topologyScore.isEmpty()) {
      return Status.skip();
    }
    state.write(SCORE_KEY, s);
    return Status.success();
  }

  @Override
  public ScoreResult score(CycleState state, Pod pod, NodeInfo nodeInfo) {
    return ScoreResult.of(state.read(SCORE_KEY).map(s -> s.score(nodeInfo.node())).orElse(0L));
  }

  @Override
  public Optional<ScoreExtensions> scoreExtensions() {
    return Optional.of(this);
  }

  @Override
  public Status normalizeScore(CycleState state, Pod pod, List<NodeScore> scores) {
    if (state.read(SCORE_KEY).isEmpty() || scores.isEmpty()) {
      return Status.success();
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (NodeScore s : scores) {
      min = Math.min(min, s.score());
      max = Math.max(max, s.score());
    }
    long diff = max - min;
    for (int i = 0; i < scores.size(); i++) {
      double f = diff > 0
          ? NodeScore.MAX_NODE_SCORE * ((double) (scores.get(i).score() - min) / (double) diff) : 0;
      scores.set(i, scores.get(i).withScore((long) f));
    }
    return Status.success();
  }

  @Override
  public Set<ClusterEvent> eventsToRegister() {
    return Set.of(ClusterEvent.of("pods", Action.ADD, Action.DELETE, Action.UPDATE_POD_LABEL),
        ClusterEvent.of("nodes", Action.ADD, Action.UPDATE_NODE_LABEL),
        ClusterEvent.of("namespaces", Action.ADD, Action.UPDATE));
  }
}
