package io.capstan.tck.scheduler;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.FilterPlugin;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.NodeScore;
import io.capstan.spi.scheduler.PodInfo;
import io.capstan.spi.scheduler.PostFilterPlugin;
import io.capstan.spi.scheduler.PostFilterResult;
import io.capstan.spi.scheduler.PreFilterExtensions;
import io.capstan.spi.scheduler.PreFilterPlugin;
import io.capstan.spi.scheduler.PreFilterResult;
import io.capstan.spi.scheduler.PreScorePlugin;
import io.capstan.spi.scheduler.SchedulerPlugin;
import io.capstan.spi.scheduler.ScorePlugin;
import io.capstan.spi.scheduler.ScoreResult;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One scheduling cycle, run serially the way the framework runs it, for plugin tests: PreFilter
 * (SKIP drops the paired Filter, node sets intersect), Filter per node in plugin order stopping at
 * the first failure, PostFilter when nothing fits, PreScore (SKIP drops the paired Score), Score,
 * NormalizeScore (checked to lie in [0, 100]) and weights. It is not the framework (no queue, no
 * parallelism, no nominated pods), but the same contract, so a plugin that passes here behaves the
 * same in Capstan. {@code TestScheduler.over(handle).plugin(p, 1).schedule(pod)}.
 */
public final class TestScheduler {

  private record Entry(SchedulerPlugin plugin, int weight) {}

  /** Everything one cycle produced. */
  public record CycleResult(Status preFilterStatus, Map<String, Status> filterStatuses,
      List<String> feasibleNodes, Map<String, Map<String, Long>> rawScores,
      Map<String, Map<String, Long>> normalizedScores, Map<String, Long> totals,
      Optional<PostFilterResult> postFilter, CycleState state) {

    /** The highest total; ties go to the first node in snapshot order. */
    public Optional<String> selectedNode() {
      if (feasibleNodes.size() == 1) {
        return Optional.of(feasibleNodes.get(0));
      }
      return totals.entrySet().stream()
          .reduce((a, b) -> b.getValue() > a.getValue() ? b : a).map(Map.Entry::getKey);
    }

    /** One plugin's normalized (pre-weight) score of one node. */
    public long score(String plugin, String node) {
      return requireNonNull(normalizedScores.get(plugin), plugin).get(node);
    }

    /** One plugin's raw score of one node. */
    public long raw(String plugin, String node) {
      return requireNonNull(rawScores.get(plugin), plugin).get(node);
    }
  }

  private final TestFrameworkHandle handle;
  private final List<Entry> plugins = new ArrayList<>();

  private TestScheduler(TestFrameworkHandle handle) {
    this.handle = handle;
    handle.scheduler(this);
  }

  public static TestScheduler over(TestFrameworkHandle handle) {
    return new TestScheduler(requireNonNull(handle, "handle"));
  }

  /** Adds a plugin at every point it implements, with this Score weight. */
  public TestScheduler plugin(SchedulerPlugin plugin, int weight) {
    plugins.add(new Entry(requireNonNull(plugin, "plugin"), weight));
    return this;
  }

  public TestScheduler plugin(SchedulerPlugin plugin) {
    return plugin(plugin, 1);
  }

  public CycleResult schedule(Pod pod) {
    CycleState state = new CycleState();
    List<NodeInfo> nodes = handle.snapshot().list();
    PreFilterResult merged = PreFilterResult.allNodes();
    for (Entry e : plugins) {
      if (e.plugin instanceof PreFilterPlugin pf) {
        PreFilterResult r = requireNonNull(pf.preFilter(state, pod, nodes), "preFilter result");
        if (r.status().isSkip()) {
          state.skipFilterPlugins().add(pf.name());
          continue;
        }
        if (!r.status().isSuccess()) {
          return new CycleResult(r.status().withPlugin(pf.name()), Map.of(), List.of(), Map.of(),
              Map.of(), Map.of(), Optional.empty(), state);
        }
        merged = merged.mergeNodes(r);
      }
    }
    Map<String, Status> failures = new LinkedHashMap<>();
    List<NodeInfo> feasible = new ArrayList<>();
    for (NodeInfo node : nodes) {
      if (merged.nodeNames().isPresent() && !merged.nodeNames().get().contains(node.nodeName())) {
        failures.put(node.nodeName(), Status.unschedulableAndUnresolvable(
            "node(s) didn't satisfy plugin(s) PreFilter result"));
        continue;
      }
      Status s = runFilters(state, pod, node);
      if (s.isSuccess()) {
        feasible.add(node);
      } else {
        failures.put(node.nodeName(), s);
      }
    }
    List<String> feasibleNames = feasible.stream().map(NodeInfo::nodeName).toList();
    if (feasible.isEmpty()) {
      Optional<PostFilterResult> post = Optional.empty();
      for (Entry e : plugins) {
        if (e.plugin instanceof PostFilterPlugin p) {
          PostFilterResult r = requireNonNull(p.postFilter(state, pod, failures), "postFilter");
          post = Optional.of(r);
          if (r.status().isSuccess()) {
            break;
          }
        }
      }
      return new CycleResult(Status.success(), failures, feasibleNames, Map.of(), Map.of(),
          Map.of(), post, state);
    }
    return score(state, pod, feasible, failures, feasibleNames);
  }

  private CycleResult score(CycleState state, Pod pod, List<NodeInfo> feasible,
      Map<String, Status> failures, List<String> feasibleNames) {
    Map<String, Map<String, Long>> raw = new LinkedHashMap<>();
    Map<String, Map<String, Long>> normalized = new LinkedHashMap<>();
    Map<String, Long> totals = new LinkedHashMap<>();
    feasibleNames.forEach(n -> totals.put(n, 0L));
    for (Entry e : plugins) {
      if (e.plugin instanceof PreScorePlugin ps) {
        Status s = requireNonNull(ps.preScore(state, pod, feasible), "preScore status");
        if (s.isSkip()) {
          state.skipScorePlugins().add(ps.name());
        } else if (!s.isSuccess()) {
          throw new AssertionError("PreScore of " + ps.name() + " failed: " + s);
        }
      }
    }
    for (Entry e : plugins) {
      if (!(e.plugin instanceof ScorePlugin sp) || state.skipScorePlugins().contains(sp.name())) {
        continue;
      }
      List<NodeScore> scores = new ArrayList<>();
      Map<String, Long> rawScores = new LinkedHashMap<>();
      for (NodeInfo node : feasible) {
        ScoreResult r = requireNonNull(sp.score(state, pod, node), "score result");
        if (!r.status().isSuccess()) {
          throw new AssertionError("Score of " + sp.name() + " failed: " + r.status());
        }
        scores.add(new NodeScore(node.nodeName(), r.score()));
        rawScores.put(node.nodeName(), r.score());
      }
      raw.put(sp.name(), rawScores);
      if (sp.scoreExtensions().isPresent()) {
        Status s = sp.scoreExtensions().get().normalizeScore(state, pod, scores);
        if (!requireNonNull(s, "normalize status").isSuccess()) {
          throw new AssertionError("NormalizeScore of " + sp.name() + " failed: " + s);
        }
      }
      Status valid = NodeScore.validateNormalized(sp.name(), scores);
      if (!valid.isSuccess()) {
        throw new AssertionError(valid.message());
      }
      Map<String, Long> norm = new LinkedHashMap<>();
      for (NodeScore s : scores) {
        norm.put(s.name(), s.score());
        totals.merge(s.name(), s.score() * e.weight, Long::sum);
      }
      normalized.put(sp.name(), norm);
    }
    return new CycleResult(Status.success(), failures, feasibleNames, raw, normalized, totals,
        Optional.empty(), state);
  }

  /** The profile's filters for one node, in order, stopping at the first non-success. */
  public Status runFilters(CycleState state, Pod pod, NodeInfo node) {
    for (Entry e : plugins) {
      if (e.plugin instanceof FilterPlugin f && !state.skipFilterPlugins().contains(f.name())) {
        Status s = requireNonNull(f.filter(state, pod, node), "filter status of " + f.name());
        if (!s.isSuccess()) {
          return s.withPlugin(f.name());
        }
      }
    }
    return Status.success();
  }

  Status runExtensions(CycleState state, Pod pod, PodInfo other, NodeInfo node, boolean add) {
    for (Entry e : plugins) {
      if (e.plugin instanceof PreFilterPlugin pf && !state.skipFilterPlugins().contains(pf.name())) {
        Optional<PreFilterExtensions> ext = pf.preFilterExtensions();
        if (ext.isPresent()) {
          Status s = add ? ext.get().addPod(state, pod, other, node)
              : ext.get().removePod(state, pod, other, node);
          if (!requireNonNull(s, "extension status").isSuccess()) {
            return s.withPlugin(pf.name());
          }
        }
      }
    }
    return Status.success();
  }
}
