package io.capstan.runtime.scheduler.framework;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.EnqueueExtensions;
import io.capstan.spi.scheduler.FilterPlugin;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.PostFilterPlugin;
import io.capstan.spi.scheduler.PostFilterResult;
import io.capstan.spi.scheduler.PreEnqueuePlugin;
import io.capstan.spi.scheduler.PreFilterPlugin;
import io.capstan.spi.scheduler.PreFilterResult;
import io.capstan.spi.scheduler.PreScorePlugin;
import io.capstan.spi.scheduler.QueueSortPlugin;
import io.capstan.spi.scheduler.SchedulerPlugin;
import io.capstan.spi.scheduler.ScorePlugin;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the plugins of one profile at each extension point with Kubernetes' contracts
 * ({@code framework/runtime/framework.go}): statuses attributed to plugins, exceptions turned into
 * ERROR, Skip honoured, normalized scores checked and weighted, Unreserve in reverse order, Permit
 * waits completed asynchronously on the injected clock, the first non-Skip binder binding.
 */
public final class Framework {

  private static final Logger log = LoggerFactory.getLogger(Framework.class);

  private final String profileName;
  private final Map<ExtensionPoint, List<SchedulerPlugin>> plugins;
  private final Map<String, Integer> scoreWeights;
  private final List<EnqueueExtensions> enqueueExtensions;
  private final FrameworkHandleImpl handle;
  private final Clock clock;
  private final TaskExecutor executor;
  private final Parallelizer parallelizer;
  private final OptionalInt percentageOfNodesToScore;
  private final boolean explain;
  private final FrameworkMetrics metrics = new FrameworkMetrics();
  private final List<PreFilterPlugin> preFilters;
  private final FilterPlugin[] filters;
  private final FilterChain filterChain;
  private final ScorePlugin[] scores;
  private final PreScorePlugin[] preScores;
  private final long[] weights;
  private final BindingCycle binding;
  private final PodSigner signer;

  /**
   * @param plugins the enabled plugins per extension point, in run order; the set of every plugin
   *     instance of the profile is derived from them
   * @param scoreWeights the weight of every Score plugin
   */
  public Framework(String profileName, Map<ExtensionPoint, List<SchedulerPlugin>> plugins, Map<String, Integer> scoreWeights,
      List<EnqueueExtensions> enqueueExtensions, FrameworkHandleImpl handle, Clock clock, TaskExecutor executor,
      OptionalInt percentageOfNodesToScore, boolean explain) {
    this.profileName = requireNonNull(profileName, "profileName");
    this.plugins = Map.copyOf(plugins);
    this.scoreWeights = Map.copyOf(scoreWeights);
    this.enqueueExtensions = List.copyOf(enqueueExtensions);
    this.handle = requireNonNull(handle, "handle");
    this.clock = requireNonNull(clock, "clock");
    this.executor = requireNonNull(executor, "executor");
    this.parallelizer = new Parallelizer(executor, handle.parallelism());
    this.percentageOfNodesToScore = percentageOfNodesToScore;
    this.explain = explain;
    this.preFilters = typed(ExtensionPoint.PRE_FILTER, PreFilterPlugin.class);
    this.filters = typed(ExtensionPoint.FILTER, FilterPlugin.class).toArray(new FilterPlugin[0]);
    this.filterChain = new FilterChain(filters);
    this.scores = typed(ExtensionPoint.SCORE, ScorePlugin.class).toArray(new ScorePlugin[0]);
    this.preScores = typed(ExtensionPoint.PRE_SCORE, PreScorePlugin.class).toArray(new PreScorePlugin[0]);
    this.weights = new long[scores.length];
    for (int i = 0; i < scores.length; i++) {
      weights[i] = scoreWeights.getOrDefault(scores[i].name(), 1);
    }
    this.binding = new BindingCycle(this.plugins, handle, executor, metrics);
    this.signer = new PodSigner(profileName, this.plugins);
    handle.attach(this);
  }

  List<PreFilterPlugin> preFilterPlugins() {
    return preFilters;
  }

  private <T> List<T> typed(ExtensionPoint point, Class<T> type) {
    return plugins.getOrDefault(point, List.of()).stream().map(type::cast).toList();
  }

  public String profileName() {
    return profileName;
  }

  public FrameworkHandleImpl handle() {
    return handle;
  }

  public Parallelizer parallelizer() {
    return parallelizer;
  }

  public FrameworkMetrics metrics() {
    return metrics;
  }

  public boolean explain() {
    return explain;
  }

  public OptionalInt percentageOfNodesToScore() {
    return percentageOfNodesToScore;
  }

  /** The names of the plugins enabled at a point, in run order. */
  public List<String> pluginNames(ExtensionPoint point) {
    return plugins.getOrDefault(point, List.of()).stream().map(SchedulerPlugin::name).toList();
  }

  public Map<String, Integer> scoreWeights() {
    return scoreWeights;
  }

  public List<EnqueueExtensions> enqueueExtensions() {
    return enqueueExtensions;
  }

  public QueueSortPlugin queueSort() {
    return (QueueSortPlugin) plugins.get(ExtensionPoint.QUEUE_SORT).get(0);
  }

  public boolean hasFilters() {
    return filters.length > 0;
  }

  public boolean hasPostFilters() {
    return !plugins.getOrDefault(ExtensionPoint.POST_FILTER, List.of()).isEmpty();
  }

  // ---- queueing ---------------------------------------------------------------------------------

  /** Every PreEnqueue plugin must succeed; the first failure is returned, attributed. */
  public Status runPreEnqueue(Pod pod) {
    for (PreEnqueuePlugin p : typed(ExtensionPoint.PRE_ENQUEUE, PreEnqueuePlugin.class)) {
      Status s = guard(p, () -> p.preEnqueue(pod));
      if (!s.isSuccess()) {
        return s.withPlugin(p.name());
      }
    }
    return Status.success();
  }

  // ---- scheduling cycle -------------------------------------------------------------------------

  public PreFilterOutcome runPreFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
    long start = System.nanoTime();
    try {
      PreFilterResult merged = PreFilterResult.allNodes();
      List<String> narrowing = new ArrayList<>();
      for (PreFilterPlugin p : preFilters) {
        PreFilterResult r;
        try {
          r = requireNonNull(p.preFilter(state, pod, nodes), "preFilter result");
        } catch (RuntimeException e) {
          return new PreFilterOutcome(Status.error(e).withPlugin(p.name()), Optional.empty(), List.of());
        }
        if (r.status().isSkip()) {
          state.skipFilterPlugins().add(p.name());
          continue;
        }
        if (!r.status().isSuccess()) {
          Status s = r.status().isRejected() || r.status().isError() ? r.status()
              : Status.error("PreFilter returned " + r.status().code() + ", which it may not");
          return new PreFilterOutcome(s.withPlugin(p.name()), Optional.empty(), List.of());
        }
        if (!r.allNodesRemain()) {
          narrowing.add(p.name());
          merged = merged.mergeNodes(r);
        }
      }
      return new PreFilterOutcome(Status.success(), merged.nodeNames(), narrowing);
    } finally {
      metrics.record(ExtensionPoint.PRE_FILTER, System.nanoTime() - start);
    }
  }

  /**
   * Runs the filters on one node in order, stopping at the first non-success. Thread-safe.
   *
   * @param verdicts if non-null, receives plugin → {@code "passed"} or the reason
   */
  public Status runFilters(CycleState state, Pod pod, NodeInfo node, Map<String, String> verdicts) {
    return filterChain.run(state, pod, node, verdicts);
  }

  /** {@link #runFilters}' verdict without the attributed status of a rejection, for callers that need feasibility only. */
  public boolean passesFilters(CycleState state, Pod pod, NodeInfo node) {
    return filterChain.passes(state, pod, node);
  }

  /** Runs PostFilter plugins in order until one succeeds (Kubernetes' RunPostFilterPlugins). */
  public PostFilterResult runPostFilter(CycleState state, Pod pod, Map<String, Status> statuses) {
    long start = System.nanoTime();
    try {
      List<Status> rejections = new ArrayList<>();
      for (PostFilterPlugin p : typed(ExtensionPoint.POST_FILTER, PostFilterPlugin.class)) {
        PostFilterResult r;
        try {
          r = requireNonNull(p.postFilter(state, pod, statuses), "postFilter result");
        } catch (RuntimeException e) {
          return PostFilterResult.of(Status.error(e).withPlugin(p.name()));
        }
        if (r.status().isSuccess()) {
          return r;
        }
        if (r.status().isError()) {
          return PostFilterResult.of(r.status().withPlugin(p.name()));
        }
        rejections.add(r.status().withPlugin(p.name()));
      }
      return PostFilterResult.of(rejections.isEmpty() ? Status.unschedulable() : Status.merge(rejections));
    } finally {
      metrics.record(ExtensionPoint.POST_FILTER, System.nanoTime() - start);
    }
  }

  public Status runPreScore(CycleState state, Pod pod, List<NodeInfo> feasible) {
    long start = System.nanoTime();
    try {
      for (PreScorePlugin p : preScores) {
        Status s = guard(p, () -> p.preScore(state, pod, feasible));
        if (s.isSkip()) {
          state.skipScorePlugins().add(p.name());
        } else if (!s.isSuccess()) {
          return s.withPlugin(p.name());
        }
      }
      return Status.success();
    } finally {
      metrics.record(ExtensionPoint.PRE_SCORE, System.nanoTime() - start);
    }
  }

  /**
   * Scores every feasible node with every Score plugin in parallel over nodes, normalizes each
   * plugin's scores, checks they lie in [0, 100] and multiplies them by the plugin's weight.
   *
   * @throws ScoreFailure carrying the ERROR status when a plugin fails
   */
  public ScoreTable runScore(CycleState state, Pod pod, List<NodeInfo> feasible) {
    long start = System.nanoTime();
    try {
      return ScorePhase.run(scores, weights, parallelizer, state, pod, feasible);
    } finally {
      metrics.record(ExtensionPoint.SCORE, System.nanoTime() - start);
    }
  }

  /** The pod's signature for opportunistic batching; empty when this profile or pod cannot be batched. */
  public Optional<PodSignature> signPod(Pod pod) {
    return signer.sign(pod);
  }

  /** One node's raw scores, for rescoring a node a batch placed a pod on. @throws ScoreFailure as runScore */
  public NodeRawScores scoreOneNode(CycleState state, Pod pod, NodeInfo node) {
    return ScorePhase.one(scores, weights, state, pod, node);
  }

  /** A Score or NormalizeScore plugin failed; the cycle ends with its ERROR status. */
  public static final class ScoreFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Status status;

    ScoreFailure(Status status) {
      super(status.toString(), null, false, false);
      this.status = status;
    }

    public Status status() {
      return status;
    }
  }

  // ---- the binding cycle, run by BindingCycle

  public Status runReserve(CycleState state, Pod pod, String nodeName) {
    return binding.runReserve(state, pod, nodeName);
  }

  /** Calls every Reserve plugin's unreserve in reverse order; failures are logged. */
  public void runUnreserve(CycleState state, Pod pod, String nodeName) {
    binding.runUnreserve(state, pod, nodeName);
  }

  /** Permit plugins: rejection or error ends it; WAITs register the pod as waiting and return WAIT. */
  public Status runPermit(CycleState state, Pod pod, String nodeName) {
    return binding.runPermit(state, pod, nodeName);
  }

  /** Completes when the waiting pod is allowed or rejected; at once if it is not waiting. */
  public CompletableFuture<Status> waitOnPermit(Pod pod) {
    return binding.waitOnPermit(pod);
  }

  public Status runPreBind(CycleState state, Pod pod, String nodeName) {
    return binding.runPreBind(state, pod, nodeName);
  }

  /** The first binder that does not SKIP handles the pod; SKIP from all is an error. */
  public Status runBind(CycleState state, Pod pod, String nodeName) {
    return binding.runBind(state, pod, nodeName);
  }

  public void runPostBind(CycleState state, Pod pod, String nodeName) {
    binding.runPostBind(state, pod, nodeName);
  }

  /** Rejects every pod waiting at Permit (on shutdown). */
  public void rejectWaitingPods(String message) {
    binding.rejectWaitingPods(message);
  }

  static Status guard(SchedulerPlugin p, java.util.function.Supplier<Status> call) {
    try {
      return requireNonNull(call.get(), () -> p.name() + " returned a null status");
    } catch (RuntimeException e) {
      return Status.error(e);
    }
  }

  static String key(Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }

  @Override
  public String toString() {
    return "Framework[" + profileName + "]";
  }

  Clock clock() {
    return clock;
  }
}
