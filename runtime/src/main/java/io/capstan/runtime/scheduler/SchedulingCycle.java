package io.capstan.runtime.scheduler;

import io.capstan.runtime.scheduler.cache.SchedulerCache;
import io.capstan.runtime.scheduler.cache.Snapshot;
import io.capstan.runtime.scheduler.explain.ExplainRecord;
import io.capstan.runtime.scheduler.framework.FitError;
import io.capstan.runtime.scheduler.framework.Framework;
import io.capstan.runtime.scheduler.framework.PodSignature;
import io.capstan.runtime.scheduler.framework.PreFilterOutcome;
import io.capstan.runtime.scheduler.framework.ScoreTable;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Finding a node for one pod (Kubernetes' {@code schedulePod}): PreFilter, Filter over a
 * round-robin window of {@code numFeasibleNodesToFind} nodes in parallel, PreScore, Score, and
 * selecting the highest total with random tie-breaking from a seeded source. Single-threaded
 * apart from the parallel filter and score phases; not thread-safe.
 */
final class SchedulingCycle {

  /** Kubernetes' {@code minFeasibleNodesToFind}. */
  static final int MIN_FEASIBLE_NODES_TO_FIND = 100;
  /** Kubernetes' {@code minFeasibleNodesPercentageToFind}. */
  static final int MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

  /** The outcome: a node, or why there is none. */
  record Result(Optional<String> node, Optional<FitError> fitError, Optional<Status> error, int evaluated, int feasible) {
    static Result of(String node, int evaluated, int feasible) {
      return new Result(Optional.of(node), Optional.empty(), Optional.empty(), evaluated, feasible);
    }

    static Result fit(FitError e) {
      return new Result(Optional.empty(), Optional.of(e), Optional.empty(), 0, 0);
    }

    static Result error(Status s) {
      return new Result(Optional.empty(), Optional.empty(), Optional.of(s), 0, 0);
    }
  }

  private final SchedulerCache cache;
  private final Snapshot snapshot;
  private final Random random;
  private final Optional<Clock> batchingClock;
  private final OpportunisticBatch batch;
  private int nextStartNodeIndex;
  /** Per-node filter verdicts of the current cycle, kept between cycles to spare 5,000-slot arrays. */
  private Status[] statuses = new Status[0];

  /** A cycle without opportunistic batching: every pod gets a full cycle. */
  SchedulingCycle(SchedulerCache cache, Snapshot snapshot, long seed) {
    this(cache, snapshot, seed, Optional.empty());
  }

  /** @param batchingClock present to batch identical pods (see {@link OpportunisticBatch}), timed by this clock */
  SchedulingCycle(SchedulerCache cache, Snapshot snapshot, long seed, Optional<Clock> batchingClock) {
    this.cache = cache;
    this.snapshot = snapshot;
    this.random = new Random(seed);
    this.batchingClock = batchingClock;
    this.batch = new OpportunisticBatch(random);
  }

  /** Pods placed by opportunistic batching instead of a full cycle. */
  long batchedPods() {
    return batch.batchedPods();
  }

  Snapshot snapshot() {
    return snapshot;
  }

  void updateSnapshot() {
    cache.updateSnapshot(snapshot);
  }

  /** Kubernetes' {@code numFeasibleNodesToFind}: adaptive {@code max(5, 50 - n/125)}% with at least 100 nodes. */
  static int numFeasibleNodesToFind(int percentageOfNodesToScore, int numAllNodes) {
    if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND || percentageOfNodesToScore >= 100) {
      return numAllNodes;
    }
    int adaptive = percentageOfNodesToScore;
    if (adaptive <= 0) {
      adaptive = 50 - numAllNodes / 125;
      if (adaptive < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) {
        adaptive = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
      }
    }
    int numNodes = (int) ((long) numAllNodes * adaptive / 100);
    return Math.max(numNodes, MIN_FEASIBLE_NODES_TO_FIND);
  }

  Result schedule(Framework fw, CycleState state, Pod pod, ExplainRecord explain) {
    List<NodeInfo> all = snapshot.list();
    if (all.isEmpty()) {
      return Result.fit(new FitError(0, Map.of(), Optional.empty(), Optional.of("no nodes available to schedule pods"),
          Optional.empty()));
    }
    PreFilterOutcome pre = fw.runPreFilter(state, pod, all);
    if (!pre.status().isSuccess()) {
      if (pre.status().isError()) {
        return Result.error(pre.status());
      }
      return Result.fit(new FitError(all.size(), Map.of(), Optional.of(pre.status()), Optional.of(pre.status().message()),
          Optional.empty()));
    }
    List<NodeInfo> candidates = all;
    Optional<Status> absent = Optional.empty();
    if (pre.nodeNames().isPresent()) {
      Set<String> allowed = pre.nodeNames().get();
      candidates = new ArrayList<>(allowed.size());
      for (NodeInfo n : all) {
        if (allowed.contains(n.nodeName())) {
          candidates.add(n);
        }
      }
      absent = Optional.of(Status.unschedulableAndUnresolvable("node(s) didn't satisfy plugin(s) "
          + pre.narrowingPlugins()).withPlugin(pre.narrowingPlugins().get(0)));
    }
    Optional<PodSignature> signature = batchingClock.isEmpty() || explain != null || pre.nodeNames().isPresent()
        || hasNominatedNode(pod) ? Optional.empty() : fw.signPod(pod);
    if (signature.isPresent()) {
      Optional<String> batched = batch.next(fw, state, pod, signature.get(), snapshot, batchingClock.get().now());
      if (batched.isPresent()) {
        return Result.of(batched.get(), 1, 1);
      }
    } else {
      batch.clear();
    }
    Optional<NodeInfo> nominated = nominatedNodeFits(fw, state, pod, candidates, explain);
    if (nominated.isPresent()) {
      return Result.of(nominated.get().nodeName(), 1, 1);
    }
    Map<String, Status> failed = new HashMap<>();
    List<NodeInfo> feasible = findFeasible(fw, state, pod, candidates, failed, explain);
    Optional<Status> filterError = failed.values().stream().filter(Status::isError).findFirst();
    if (filterError.isPresent()) {
      return Result.error(filterError.get());
    }
    if (feasible.isEmpty()) {
      return Result.fit(new FitError(all.size(), failed, absent, Optional.empty(), Optional.empty()));
    }
    int evaluated = feasible.size() + failed.size();
    if (feasible.size() == 1) {
      if (explain != null) {
        explain.selected(feasible.get(0).nodeName());
      }
      return Result.of(feasible.get(0).nodeName(), evaluated, 1);
    }
    Status preScore = fw.runPreScore(state, pod, feasible);
    if (!preScore.isSuccess()) {
      return Result.error(preScore.isError() ? preScore : Status.error(preScore.message()).withPlugin(
          preScore.plugin().orElse("PreScore")));
    }
    ScoreTable table;
    try {
      table = fw.runScore(state, pod, feasible);
    } catch (Framework.ScoreFailure e) {
      return Result.error(e.status());
    }
    int chosen = select(table);
    String node = feasible.get(chosen).nodeName();
    if (signature.isPresent()) {
      batch.store(signature.get(), table, chosen, snapshot, batchingClock.get().now());
    }
    if (explain != null) {
      for (int p = 0; p < table.plugins().size(); p++) {
        for (int i = 0; i < feasible.size(); i++) {
          explain.score(feasible.get(i).nodeName(), table.plugins().get(p), table.raw()[p][i], table.weighted()[p][i]);
        }
      }
      explain.selected(node);
    }
    return Result.of(node, evaluated, feasible.size());
  }

  /**
   * Kubernetes' {@code evaluateNominatedNode}: a pod nominated to a node (after preempting there)
   * tries that node first and takes it if it passes the filters, without looking at the others.
   */
  private Optional<NodeInfo> nominatedNodeFits(Framework fw, CycleState state, Pod pod, List<NodeInfo> candidates,
      ExplainRecord explain) {
    String name = pod.getStatus() == null ? null : pod.getStatus().getNominatedNodeName();
    if (name == null || name.isEmpty()) {
      return Optional.empty();
    }
    for (NodeInfo n : candidates) {
      if (n.nodeName().equals(name)) {
        Map<String, String> verdicts = explain == null ? null : new LinkedHashMap<>();
        Status s = fw.handle().runFiltersWithNominatedPods(state, pod, n, verdicts);
        if (!s.isSuccess()) {
          return Optional.empty();
        }
        if (explain != null) {
          explain.filter(name, verdicts);
          explain.selected(name);
        }
        return Optional.of(n);
      }
    }
    return Optional.empty();
  }

  private List<NodeInfo> findFeasible(Framework fw, CycleState state, Pod pod, List<NodeInfo> nodes,
      Map<String, Status> failed, ExplainRecord explain) {
    int n = nodes.size();
    if (n == 0) {
      return List.of();
    }
    int toFind = numFeasibleNodesToFind(fw.percentageOfNodesToScore().orElse(0), n);
    int start = nextStartNodeIndex % n;
    if (!fw.hasFilters() && explain == null) {
      List<NodeInfo> out = new ArrayList<>(toFind);
      for (int i = 0; i < toFind; i++) {
        out.add(nodes.get((start + i) % n));
      }
      nextStartNodeIndex = (start + toFind) % n;
      return out;
    }
    if (this.statuses.length < n) {
      this.statuses = new Status[n];
    }
    // reused: every slot of the processed prefix is written by this cycle, read and cleared below
    Status[] slots = this.statuses;
    AtomicInteger found = new AtomicInteger();
    long began = System.nanoTime();
    int processed = fw.parallelizer().until(n, i -> {
      NodeInfo node = nodes.get((start + i) % n);
      Map<String, String> verdicts = explain == null ? null : new LinkedHashMap<>();
      Status s = fw.handle().runFiltersWithNominatedPods(state, pod, node, verdicts);
      slots[i] = s;
      if (s.isSuccess()) {
        found.incrementAndGet();
      }
      if (explain != null) {
        explain.filter(node.nodeName(), verdicts);
      }
    }, () -> found.get() >= toFind);
    fw.metrics().record(io.capstan.runtime.scheduler.framework.ExtensionPoint.FILTER, System.nanoTime() - began);
    List<NodeInfo> feasible = new ArrayList<>(Math.min(toFind, processed));
    int last = processed - 1;
    for (int i = 0; i < processed; i++) {
      Status s = slots[i];
      slots[i] = null;
      if (s == null) {
        continue;
      }
      if (s.isSuccess()) {
        if (feasible.size() < toFind) {
          feasible.add(nodes.get((start + i) % n));
          if (feasible.size() == toFind) {
            last = i;
          }
        }
      } else {
        failed.put(nodes.get((start + i) % n).nodeName(), s);
      }
    }
    nextStartNodeIndex = (start + last + 1) % n;
    return feasible;
  }

  private static boolean hasNominatedNode(Pod pod) {
    String name = pod.getStatus() == null ? null : pod.getStatus().getNominatedNodeName();
    return name != null && !name.isEmpty();
  }

  /** The index of the highest total; ties broken uniformly at random (reservoir sampling, as Kubernetes' selectHost). */
  private int select(ScoreTable table) {
    long[] totals = table.totals();
    int best = 0;
    int ties = 1;
    for (int i = 1; i < totals.length; i++) {
      if (totals[i] > totals[best]) {
        best = i;
        ties = 1;
      } else if (totals[i] == totals[best]) {
        ties++;
        if (random.nextInt(ties) == 0) {
          best = i;
        }
      }
    }
    return best;
  }
}
