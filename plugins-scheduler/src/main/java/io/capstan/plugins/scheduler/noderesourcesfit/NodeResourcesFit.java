package io.capstan.plugins.scheduler.noderesourcesfit;

import static java.util.Objects.requireNonNull;

import io.capstan.plugins.scheduler.helper.ResourceAllocation;
import io.capstan.plugins.scheduler.helper.Scratch;
import io.capstan.spi.scheduler.ClusterEvent.Action;
import io.capstan.spi.scheduler.ClusterEvent;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.EnqueueExtensions;
import io.capstan.spi.scheduler.FilterPlugin;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.PodRequests;
import io.capstan.spi.scheduler.PreFilterPlugin;
import io.capstan.spi.scheduler.PreFilterResult;
import io.capstan.spi.scheduler.PreScorePlugin;
import io.capstan.spi.scheduler.Resource;
import io.capstan.spi.scheduler.ScorePlugin;
import io.capstan.spi.scheduler.ScoreResult;
import io.capstan.spi.scheduler.SignPlugin;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Kubernetes' {@code NodeResourcesFit} (weight 1 in the default profile).
 *
 * <p>Filter (actual requests, no defaults): {@code Too many pods} when the node already runs
 * {@code allocatable.pods} pods; {@code Insufficient cpu}, {@code Insufficient memory}, {@code
 * Insufficient ephemeral-storage}, {@code Insufficient <extended resource>} when the request
 * exceeds allocatable minus requested. Every shortage is listed; the code is UNSCHEDULABLE, or
 * UNSCHEDULABLE_AND_UNRESOLVABLE when a request exceeds the node's whole allocatable (preemption
 * cannot help). Extended resources in {@code ignoredResources}/{@code ignoredResourceGroups} are
 * not checked.
 *
 * <p>Score: the configured strategy over the configured resources, using the non-zero requests
 * (100m CPU / 200 MiB for containers that leave them unset) for cpu and memory; extended resources
 * the pod does not request and resources a node does not offer are skipped.
 */
public final class NodeResourcesFit implements PreFilterPlugin, FilterPlugin, PreScorePlugin,
    ScorePlugin, EnqueueExtensions, SignPlugin {

  public static final String NAME = "NodeResourcesFit";
  public static final String TOO_MANY_PODS = "Too many pods";
  static final CycleState.Key<PreFilterState> PRE_FILTER_KEY =
      CycleState.key("PreFilter" + NAME, PreFilterState.class);
  static final CycleState.Key<PreScoreState> PRE_SCORE_KEY =
      CycleState.key("PreScore" + NAME, PreScoreState.class);

  /**
   * The pod's request, whether it is zero, and the extended resources Filter checks (the request's
   * scalars minus the ignored ones), worked out once per pod rather than once per node.
   */
  record PreFilterState(Resource request, boolean zero, String[] scalarNames, long[] scalarAmounts)
      implements CycleState.StateData {

    @Override
    public CycleState.StateData copy() {
      return this;
    }
  }

  record PreScoreState(long[] podRequests) implements CycleState.StateData {
    @Override
    public CycleState.StateData copy() {
      return this;
    }
  }

  private final NodeResourcesFitArgs args;
  private final ResourceScorer scorer;

  @Inject
  public NodeResourcesFit(NodeResourcesFitArgs args) {
    this.args = requireNonNull(args, "args");
    this.scorer = new ResourceScorer(args.scoringStrategy());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<List<Object>> signPod(Pod pod) {
    return Optional.of(List.of(PodRequests.requests(pod)));
  }

  public NodeResourcesFitArgs args() {
    return args;
  }

  @Override
  public PreFilterResult preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
    state.write(PRE_FILTER_KEY, preFilterState(PodRequests.requests(pod)));
    return PreFilterResult.allNodes();
  }

  private PreFilterState preFilterState(Resource request) {
    List<String> names = new ArrayList<>();
    List<Long> amounts = new ArrayList<>();
    request.scalarResources().forEach((name, amount) -> {
      if (!ignored(name)) {
        names.add(name);
        amounts.add(amount);
      }
    });
    return new PreFilterState(request, request.isZero(), names.toArray(String[]::new),
        amounts.stream().mapToLong(Long::longValue).toArray());
  }

  @Override
  public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
    Optional<PreFilterState> stored = state.read(PRE_FILTER_KEY);
    PreFilterState pre = stored.isPresent() ? stored.get() : preFilterState(PodRequests.requests(pod));
    Resource request = pre.request();
    boolean zero = pre.zero();
    Resource alloc = nodeInfo.allocatable();
    Resource used = nodeInfo.requested();
    boolean tooManyPods = nodeInfo.pods().size() + 1 > alloc.allowedPodNumber();
    if (!tooManyPods && (zero || fits(pre, used, alloc))) {
      return Status.success(); // the common case, decided without allocating
    }
    List<String> reasons = new ArrayList<>();
    boolean unresolvable = false;
    if (tooManyPods) {
      reasons.add(TOO_MANY_PODS);
    }
    if (!zero) {
      unresolvable |= check(reasons, "cpu", request.milliCpu(), used.milliCpu(), alloc.milliCpu());
      unresolvable |= check(reasons, "memory", request.memory(), used.memory(), alloc.memory());
      unresolvable |= check(reasons, "ephemeral-storage", request.ephemeralStorage(),
          used.ephemeralStorage(), alloc.ephemeralStorage());
      String[] names = pre.scalarNames();
      for (int i = 0; i < names.length; i++) {
        unresolvable |= check(reasons, names[i], pre.scalarAmounts()[i], used.scalar(names[i]), alloc.scalar(names[i]));
      }
    }
    if (reasons.isEmpty()) {
      return Status.success();
    }
    String[] r = reasons.toArray(String[]::new);
    return unresolvable ? Status.unschedulableAndUnresolvable(r) : Status.unschedulable(r);
  }

  /** Whether every checked request fits, the same tests as {@link #check} without the reasons. */
  private static boolean fits(PreFilterState pre, Resource used, Resource alloc) {
    Resource request = pre.request();
    if (exceeds(request.milliCpu(), used.milliCpu(), alloc.milliCpu())
        || exceeds(request.memory(), used.memory(), alloc.memory())
        || exceeds(request.ephemeralStorage(), used.ephemeralStorage(), alloc.ephemeralStorage())) {
      return false;
    }
    String[] names = pre.scalarNames();
    for (int i = 0; i < names.length; i++) {
      if (exceeds(pre.scalarAmounts()[i], used.scalar(names[i]), alloc.scalar(names[i]))) {
        return false;
      }
    }
    return true;
  }

  private static boolean exceeds(long request, long used, long allocatable) {
    return request > 0 && request > allocatable - used;
  }

  /** Adds a reason when {@code request} does not fit; true when it exceeds the whole node. */
  private static boolean check(List<String> reasons, String name, long request, long used,
      long allocatable) {
    if (request > 0 && request > allocatable - used) {
      reasons.add("Insufficient " + name);
      return request > allocatable;
    }
    return false;
  }

  private boolean ignored(String resource) {
    int slash = resource.indexOf('/');
    boolean extended = slash > 0 && !resource.startsWith("kubernetes.io/");
    if (!extended) {
      return false;
    }
    return args.ignoredResources().contains(resource)
        || args.ignoredResourceGroups().contains(resource.substring(0, slash));
  }

  @Override
  public Status preScore(CycleState state, Pod pod, List<NodeInfo> feasibleNodes) {
    state.write(PRE_SCORE_KEY, new PreScoreState(podRequests(pod)));
    return Status.success();
  }

  private long[] podRequests(Pod pod) {
    Resource nonZero = PodRequests.nonZeroRequests(pod);
    long[] requests = new long[scorer.resources().size()];
    for (int i = 0; i < requests.length; i++) {
      requests[i] = ResourceAllocation.request(nonZero, scorer.resources().get(i).name());
    }
    return requests;
  }

  @Override
  public ScoreResult score(CycleState state, Pod pod, NodeInfo nodeInfo) {
    PreScoreState pre = state.read(PRE_SCORE_KEY).orElse(null);
    long[] podRequests = pre != null ? pre.podRequests() : podRequests(pod);
    int n = podRequests.length;
    Scratch scratch = Scratch.of(n);
    long[] requested = scratch.first();
    long[] allocatable = scratch.second();
    for (int i = 0; i < n; i++) {
      ResourceAllocation.amounts(nodeInfo, scorer.resources().get(i).name(), podRequests[i], false, allocatable,
          requested, i);
    }
    return ScoreResult.of(scorer.score(requested, allocatable, n));
  }

  @Override
  public Set<ClusterEvent> eventsToRegister() {
    return Set.of(ClusterEvent.of("pods", Action.DELETE, Action.UPDATE_POD_SCALE_DOWN),
        ClusterEvent.of("nodes", Action.ADD, Action.UPDATE_NODE_ALLOCATABLE));
  }
}
