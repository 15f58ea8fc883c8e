package io.capstan.runtime.scheduler.framework;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.scheduler.BindPlugin;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.EnqueueExtensions;
import io.capstan.spi.scheduler.FilterPlugin;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.NodeScore;
import io.capstan.spi.scheduler.PermitPlugin;
import io.capstan.spi.scheduler.PermitResult;
import io.capstan.spi.scheduler.PostBindPlugin;
import io.capstan.spi.scheduler.PostFilterPlugin;
import io.capstan.spi.scheduler.PostFilterResult;
import io.capstan.spi.scheduler.PreBindPlugin;
import io.capstan.spi.scheduler.PreEnqueuePlugin;
import io.capstan.spi.scheduler.PreFilterPlugin;
import io.capstan.spi.scheduler.PreFilterResult;
import io.capstan.spi.scheduler.PreScorePlugin;
import io.capstan.spi.scheduler.QueueSortPlugin;
import io.capstan.spi.scheduler.ReservePlugin;
import io.capstan.spi.scheduler.SchedulerPlugin;
import io.capstan.spi.scheduler.ScorePlugin;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
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
  private final ScorePlugin[] scores;
  private final PreScorePlugin[] preScores;
  private final long[] weights;

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
    this.scores = typed(ExtensionPoint.SCORE, ScorePlugin.class).toArray(new ScorePlugin[0]);
    this.preScores = typed(ExtensionPoint.PRE_SCORE, PreScorePlugin.class).toArray(new PreScorePlugin[0]);
    this.weights = new long[scores.length];
    for (int i = 0; i < scores.length; i++) {
      weights[i] = scoreWeights.getOrDefault(scores[i].name(), 1);
    }
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
   * Runs the filters on one node in order, stopping at the first non-success. Thread-safe. Not
   * timed per node (the caller times the whole Filter phase).
   *
   * @param verdicts if non-null, receives plugin → {@code "passed"} or the reason
   */
  public Status runFilters(CycleState state, Pod pod, NodeInfo node, Map<String, String> verdicts) {
    {
      Set<String> skip = state.skipFilterPlugins();
      for (FilterPlugin p : filters) {
        if (!skip.isEmpty() && skip.contains(p.name())) {
          continue;
        }
        Status s;
        try {
          s = requireNonNull(p.filter(state, pod, node), "filter status");
        } catch (RuntimeException e) {
          s = Status.error(e);
        }
        if (!s.isSuccess()) {
          if (!s.isRejected() && !s.isError()) {
            s = Status.error("Filter returned " + s.code() + ", which it may not");
          }
          s = s.withPlugin(p.name());
          if (verdicts != null) {
            verdicts.put(p.name(), s.message());
          }
          return s;
        }
        if (verdicts != null) {
          verdicts.put(p.name(), "passed");
        }
      }
      return Status.success();
    }
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
      List<ScorePlugin> active = new ArrayList<>();
      List<Long> activeWeights = new ArrayList<>();
      Set<String> skip = state.skipScorePlugins();
      for (int i = 0; i < scores.length; i++) {
        if (!skip.contains(scores[i].name())) {
          active.add(scores[i]);
          activeWeights.add(weights[i]);
        }
      }
      int n = feasible.size();
      int m = active.size();
      long[][] raw = new long[m][n];
      Status[] failure = new Status[1];
      parallelizer.until(n, i -> {
        NodeInfo node = feasible.get(i);
        for (int p = 0; p < m; p++) {
          ScorePlugin plugin = active.get(p);
          io.capstan.spi.scheduler.ScoreResult r;
          try {
            r = plugin.score(state, pod, node);
          } catch (RuntimeException e) {
            r = io.capstan.spi.scheduler.ScoreResult.error(Status.error(e));
          }
          if (!r.status().isSuccess()) {
            synchronized (failure) {
              if (failure[0] == null) {
                failure[0] = r.status().withPlugin(plugin.name());
              }
            }
            return;
          }
          raw[p][i] = r.score();
        }
      });
      if (failure[0] != null) {
        throw new ScoreFailure(failure[0]);
      }
      long[][] weighted = new long[m][n];
      long[] totals = new long[n];
      List<String> names = new ArrayList<>(m);
      for (int p = 0; p < m; p++) {
        ScorePlugin plugin = active.get(p);
        names.add(plugin.name());
        long[] values = raw[p].clone();
        if (plugin.scoreExtensions().isPresent()) {
          List<NodeScore> list = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            list.add(new NodeScore(feasible.get(i).nodeName(), values[i]));
          }
          Status s;
          try {
            s = plugin.scoreExtensions().get().normalizeScore(state, pod, list);
          } catch (RuntimeException e) {
            s = Status.error(e);
          }
          if (!s.isSuccess()) {
            throw new ScoreFailure(s.withPlugin(plugin.name()));
          }
          for (int i = 0; i < n; i++) {
            values[i] = list.get(i).score();
          }
          Status bounds = NodeScore.validateNormalized(plugin.name(), list);
          if (!bounds.isSuccess()) {
            throw new ScoreFailure(bounds);
          }
        } else {
          for (int i = 0; i < n; i++) {
            if (values[i] < NodeScore.MIN_NODE_SCORE || values[i] > NodeScore.MAX_NODE_SCORE) {
              throw new ScoreFailure(Status.error("plugin " + plugin.name() + " returns an invalid score " + values[i]
                  + " for node " + feasible.get(i).nodeName() + ", it should be in the range [0, 100] after normalizing")
                  .withPlugin(plugin.name()));
            }
          }
        }
        long w = activeWeights.get(p);
        for (int i = 0; i < n; i++) {
          weighted[p][i] = values[i] * w;
          totals[i] += weighted[p][i];
        }
      }
      return new ScoreTable(names, feasible, raw, weighted, totals);
    } finally {
      metrics.record(ExtensionPoint.SCORE, System.nanoTime() - start);
    }
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

  public Status runReserve(CycleState state, Pod pod, String nodeName) {
    long start = System.nanoTime();
    try {
      for (ReservePlugin p : typed(ExtensionPoint.RESERVE, ReservePlugin.class)) {
        Status s = guard(p, () -> p.reserve(state, pod, nodeName));
        if (!s.isSuccess()) {
          return (s.isRejected() ? s : Status.error("running Reserve plugin " + p.name() + ": " + s.message()))
              .withPlugin(p.name());
        }
      }
      return Status.success();
    } finally {
      metrics.record(ExtensionPoint.RESERVE, System.nanoTime() - start);
    }
  }

  /** Calls every Reserve plugin's unreserve in reverse order; failures are logged. */
  public void runUnreserve(CycleState state, Pod pod, String nodeName) {
    List<ReservePlugin> list = typed(ExtensionPoint.RESERVE, ReservePlugin.class);
    for (int i = list.size() - 1; i >= 0; i--) {
      ReservePlugin p = list.get(i);
      try {
        p.unreserve(state, pod, nodeName);
      } catch (RuntimeException e) {
        log.warn("Unreserve of plugin {} failed for pod {}: {}", p.name(), key(pod), e.toString());
      }
    }
  }

  /**
   * Runs Permit plugins: a rejection or error ends it; WAITs register the pod as waiting (each
   * plugin with its timeout on the clock) and return WAIT; otherwise SUCCESS.
   */
  public Status runPermit(CycleState state, Pod pod, String nodeName) {
    long start = System.nanoTime();
    try {
      Map<String, Duration> waits = new java.util.LinkedHashMap<>();
      for (PermitPlugin p : typed(ExtensionPoint.PERMIT, PermitPlugin.class)) {
        PermitResult r;
        try {
          r = requireNonNull(p.permit(state, pod, nodeName), "permit result");
        } catch (RuntimeException e) {
          return Status.error(e).withPlugin(p.name());
        }
        Status s = r.status();
        if (s.isWait()) {
          waits.put(p.name(), r.timeout());
        } else if (!s.isSuccess()) {
          return (s.isRejected() ? s : Status.error("running Permit plugin " + p.name() + ": " + s.message()))
              .withPlugin(p.name());
        }
      }
      if (waits.isEmpty()) {
        return Status.success();
      }
      WaitingPodImpl waiting = new WaitingPodImpl(pod, nodeName);
      String uid = pod.getMetadata().getUid();
      handle.waitingPods.put(uid, waiting);
      waits.forEach((plugin, timeout) -> waiting.addPending(plugin, executor.schedule(timeout,
          () -> waiting.reject(plugin, "rejected due to timeout after waiting " + timeout.toMillis() / 1000.0
              + "s at plugin " + plugin))));
      return Status.waiting();
    } finally {
      metrics.record(ExtensionPoint.PERMIT, System.nanoTime() - start);
    }
  }

  /** Completes when the waiting pod is allowed or rejected; at once if it is not waiting. */
  public CompletableFuture<Status> waitOnPermit(Pod pod) {
    String uid = pod.getMetadata().getUid();
    WaitingPodImpl waiting = handle.waitingPods.get(uid);
    if (waiting == null) {
      return CompletableFuture.completedFuture(Status.success());
    }
    return waiting.result().whenComplete((s, e) -> handle.waitingPods.remove(uid, waiting));
  }

  public Status runPreBind(CycleState state, Pod pod, String nodeName) {
    long start = System.nanoTime();
    try {
      for (PreBindPlugin p : typed(ExtensionPoint.PRE_BIND, PreBindPlugin.class)) {
        Status pre = guard(p, () -> p.preBindPreFlight(state, pod, nodeName));
        if (pre.isSkip()) {
          continue;
        }
        if (!pre.isSuccess()) {
          return pre.withPlugin(p.name());
        }
        Status s = guard(p, () -> p.preBind(state, pod, nodeName));
        if (!s.isSuccess()) {
          return (s.isRejected() ? s : Status.error("running PreBind plugin " + p.name() + ": " + s.message()))
              .withPlugin(p.name());
        }
      }
      return Status.success();
    } finally {
      metrics.record(ExtensionPoint.PRE_BIND, System.nanoTime() - start);
    }
  }

  /** The first binder that does not SKIP handles the pod; SKIP from all is an error. */
  public Status runBind(CycleState state, Pod pod, String nodeName) {
    long start = System.nanoTime();
    try {
      for (BindPlugin p : typed(ExtensionPoint.BIND, BindPlugin.class)) {
        Status s = guard(p, () -> p.bind(state, pod, nodeName));
        if (s.isSkip()) {
          continue;
        }
        return s.isSuccess() ? s : (s.isRejected() ? s : Status.error("running Bind plugin " + p.name() + ": " + s.message()))
            .withPlugin(p.name());
      }
      return Status.error("no Bind plugin handled pod " + key(pod) + " (all returned Skip)");
    } finally {
      metrics.record(ExtensionPoint.BIND, System.nanoTime() - start);
    }
  }

  public void runPostBind(CycleState state, Pod pod, String nodeName) {
    long start = System.nanoTime();
    for (PostBindPlugin p : typed(ExtensionPoint.POST_BIND, PostBindPlugin.class)) {
      try {
        p.postBind(state, pod, nodeName);
      } catch (RuntimeException e) {
        log.warn("PostBind of plugin {} failed for pod {}: {}", p.name(), key(pod), e.toString());
      }
    }
    metrics.record(ExtensionPoint.POST_BIND, System.nanoTime() - start);
  }

  /** Rejects every pod waiting at Permit (on shutdown). */
  public void rejectWaitingPods(String message) {
    handle.waitingPods.values().forEach(w -> w.reject("", message));
  }

  private static Status guard(SchedulerPlugin p, java.util.function.Supplier<Status> call) {
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
