package io.capstan.plugins.scheduler.nodeaffinity;

import static java.util.Objects.requireNonNull;

import io.capstan.plugins.scheduler.helper.NodeSelectors;
import io.capstan.plugins.scheduler.helper.NormalizeScores;
import io.capstan.spi.scheduler.ClusterEvent.Action;
import io.capstan.spi.scheduler.ClusterEvent;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.EnqueueExtensions;
import io.capstan.spi.scheduler.FilterPlugin;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.NodeScore;
import io.capstan.spi.scheduler.PreFilterPlugin;
import io.capstan.spi.scheduler.PreFilterResult;
import io.capstan.spi.scheduler.PreScorePlugin;
import io.capstan.spi.scheduler.ScoreExtensions;
import io.capstan.spi.scheduler.ScorePlugin;
import io.capstan.spi.scheduler.ScoreResult;
import io.capstan.spi.scheduler.SignPlugin;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Kubernetes' {@code NodeAffinity} (weight 2 in the default profile).
 *
 * <p>PreFilter skips pods with neither {@code nodeSelector} nor required affinity when the profile
 * adds none; when every required term pins {@code metadata.name In [...]} it narrows the
 * candidates to those names (the DaemonSet fast path). Filter: the pod's {@code nodeSelector}
 * and required terms ({@code node(s) didn't match Pod's node affinity/selector}) and the
 * profile's {@code addedAffinity} ({@code node(s) didn't match scheduler-enforced node
 * affinity}), both UNSCHEDULABLE_AND_UNRESOLVABLE. Score: the sum of the weights of the matching
 * preferred terms (the pod's and the added ones), normalized {@code 100·raw/max}.
 */
public final class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin,
    ScorePlugin, ScoreExtensions, EnqueueExtensions, SignPlugin {

  public static final String NAME = "NodeAffinity";
  public static final String REASON_POD = "node(s) didn't match Pod's node affinity/selector";
  public static final String REASON_ENFORCED =
      "node(s) didn't match scheduler-enforced node affinity";
  public static final String REASON_CONFLICT = "pod affinity terms conflict";
  static final CycleState.Key<PreScoreState> KEY =
      CycleState.key("PreScore" + NAME, PreScoreState.class);

  record PreScoreState(List<PreferredSchedulingTerm> terms) implements CycleState.StateData {
    @Override
    public CycleState.StateData copy() {
      return this;
    }
  }

  private final NodeAffinityArgs args;

  @Inject
  public NodeAffinity(NodeAffinityArgs args) {
    this.args = requireNonNull(args, "args");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<List<Object>> signPod(Pod pod) {
    if (pod.getSpec() == null) {
      return Optional.of(List.of());
    }
    return Optional.of(java.util.Arrays.asList(pod.getSpec().getNodeSelector(),
        pod.getSpec().getAffinity() == null ? null : pod.getSpec().getAffinity().getNodeAffinity()));
  }

  @Override
  public PreFilterResult preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
    Optional<NodeSelector> required = NodeSelectors.required(pod);
    boolean noSelector = pod.getSpec() == null || pod.getSpec().getNodeSelector() == null;
    if (required.isEmpty() && noSelector && args.addedRequired().isEmpty()) {
      return PreFilterResult.skip();
    }
    List<NodeSelectorTerm> terms = required.map(NodeSelector::getNodeSelectorTerms).orElse(null);
    if (terms == null || terms.isEmpty()) {
      return PreFilterResult.allNodes();
    }
    Set<String> names = new HashSet<>();
    for (NodeSelectorTerm t : terms) {
      Set<String> termNames = null;
      for (NodeSelectorRequirement r : t.getMatchFields() == null
          ? List.<NodeSelectorRequirement>of() : t.getMatchFields()) {
        if ("metadata.name".equals(r.getKey()) && "In".equals(r.getOperator())) {
          Set<String> s = new HashSet<>(r.getValues() == null ? List.of() : r.getValues());
          if (termNames == null) {
            termNames = s;
          } else {
            termNames.retainAll(s);
          }
        }
      }
      if (termNames == null) {
        return PreFilterResult.allNodes();
      }
      names.addAll(termNames);
    }
    if (names.isEmpty()) {
      return PreFilterResult.of(Status.unschedulableAndUnresolvable(REASON_CONFLICT));
    }
    return PreFilterResult.nodes(names);
  }

  @Override
  public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
    Node node = nodeInfo.node();
    if (args.addedRequired().isPresent() && !NodeSelectors.matches(args.addedRequired().get(), node)) {
      return Status.unschedulableAndUnresolvable(REASON_ENFORCED);
    }
    if (!NodeSelectors.podMatchesNode(pod, node)) {
      return Status.unschedulableAndUnresolvable(REASON_POD);
    }
    return Status.success();
  }

  @Override
  public Status preScore(CycleState state, Pod pod, List<NodeInfo> feasibleNodes) {
    List<PreferredSchedulingTerm> terms = preferredTerms(pod);
    if (terms.isEmpty()) {
      return Status.skip();
    }
    state.write(KEY, new PreScoreState(terms));
    return Status.success();
  }

  /** The pod's and the profile's preferred terms, without weight-0 or empty terms. */
  private List<PreferredSchedulingTerm> preferredTerms(Pod pod) {
    List<PreferredSchedulingTerm> all = new java.util.ArrayList<>(args.addedPreferred());
    all.addAll(NodeSelectors.preferred(pod));
    return all.stream()
        .filter(t -> t.getWeight() != null && t.getWeight() != 0 && t.getPreference() != null)
        .toList();
  }

  @Override
  public ScoreResult score(CycleState state, Pod pod, NodeInfo nodeInfo) {
    List<PreferredSchedulingTerm> terms = state.read(KEY).map(PreScoreState::terms)
        .orElseGet(() -> preferredTerms(pod));
    long count = 0;
    for (PreferredSchedulingTerm t : terms) {
      if (NodeSelectors.matches(t.getPreference(), nodeInfo.node())) {
        count += t.getWeight();
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
    NormalizeScores.defaultNormalize(false, scores);
    return Status.success();
  }

  @Override
  public Set<ClusterEvent> eventsToRegister() {
    return Set.of(ClusterEvent.of("nodes", Action.ADD, Action.UPDATE_NODE_LABEL));
  }
}
