package io.capstan.runtime.scheduler;

import io.capstan.runtime.scheduler.cache.Snapshot;
import io.capstan.runtime.scheduler.framework.Framework;
import io.capstan.runtime.scheduler.framework.NodeRawScores;
import io.capstan.runtime.scheduler.framework.PodSignature;
import io.capstan.runtime.scheduler.framework.ScoreTable;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.NodeScore;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Kubernetes' opportunistic batching (KEP-5598, with its rescoring extension): after a full cycle
 * for a pod that every plugin signs, the scored nodes stay ranked; the next pod with the same
 * signature takes the best of them instead of filtering and scoring a new window. The nodes that
 * whose pods changed since — those the batch placed pods on, whose scores fell, and any other — are
 * filtered and scored again before each pick (signing plugins promise their verdicts and scores on a
 * node depend on that node alone), so each pick is the node a full cycle over the same window would
 * rank first. Anything else — a Node object changing (labels, taints, images: image locality counts
 * nodes), nodes coming or going, pods with affinity changing, a normalizing plugin's raw score
 * moving, a different or unsigned pod, the batch being older than {@link #MAX_AGE} — ends the batch
 * and the pod gets a full cycle.
 *
 * <p>Used by the scheduling thread only; not thread-safe.
 */
final class OpportunisticBatch {

  /** Kubernetes' {@code maxBatchAge}: a batch older than this is not used. */
  static final Duration MAX_AGE = Duration.ofMillis(500);

  private record Entry(String node, long total, long tiebreak) {}

  private static final Comparator<Entry> BEST_FIRST = Comparator.comparingLong((Entry e) -> -e.total)
      .thenComparingLong(Entry::tiebreak);

  private final Random random;
  private PodSignature signature;
  private Instant created;
  private ScoreTable table;
  private Map<String, Integer> column;
  private PriorityQueue<Entry> ranked;
  private Map<String, Entry> live;
  private long seenUpdates;
  private long structureVersion;
  private long affinityVersion;
  private long nodeObjectVersion;
  private long batchedPods;

  OpportunisticBatch(Random random) {
    this.random = random;
  }

  /** Pods placed from a batch instead of a full cycle, since this scheduler started. */
  long batchedPods() {
    return batchedPods;
  }

  void clear() {
    ranked = null;
    table = null;
    live = null;
    column = null;
    signature = null;
  }

  /** Keeps a full cycle's ranking of every scored node but the chosen one, which the pod is about to change. */
  void store(PodSignature signature, ScoreTable table, int chosen, Snapshot snapshot, Instant now) {
    this.signature = signature;
    this.table = table;
    this.created = now;
    this.column = new HashMap<>(table.nodes().size() * 2);
    this.ranked = new PriorityQueue<>(Math.max(1, table.nodes().size()), BEST_FIRST);
    this.live = new HashMap<>(table.nodes().size() * 2);
    long[] totals = table.totals();
    for (int i = 0; i < totals.length; i++) {
      String name = table.nodes().get(i).nodeName();
      column.put(name, i);
      if (i != chosen) {
        offer(new Entry(name, totals[i], random.nextLong()));
      }
    }
    this.seenUpdates = snapshot.updates();
    this.structureVersion = snapshot.structureVersion();
    this.affinityVersion = snapshot.affinityVersion();
    this.nodeObjectVersion = snapshot.nodeObjectVersion();
  }

  /**
   * The node for {@code pod} from the batch, or empty when the batch cannot answer (it is then
   * cleared and the caller runs a full cycle). {@code state} must hold the pod's PreFilter results.
   */
  Optional<String> next(Framework fw, CycleState state, Pod pod, PodSignature signature, Snapshot snapshot,
      Instant now) {
    if (ranked == null) {
      return Optional.empty();
    }
    Optional<List<String>> toRescore = usable(signature, snapshot, now);
    if (toRescore.isEmpty() || !rescore(fw, state, pod, toRescore.get(), snapshot)) {
      clear();
      return Optional.empty();
    }
    while (!ranked.isEmpty()) {
      Entry best = ranked.poll();
      if (live.get(best.node) != best) {
        continue; // superseded by a rescore
      }
      live.remove(best.node);
      Optional<NodeInfo> node = snapshot.get(best.node);
      // the verdict came from an identical pod on an unchanged node; checked again because nominated pods may differ
      if (node.isEmpty() || !fw.handle().runFiltersWithNominatedPods(state, pod, node.get(), null).isSuccess()) {
        break;
      }
      batchedPods++;
      return Optional.of(best.node);
    }
    clear();
    return Optional.empty();
  }

  /** The nodes to filter and score again, or empty when the batch no longer describes the cluster. */
  private Optional<List<String>> usable(PodSignature signature, Snapshot snapshot, Instant now) {
    if (!signature.equals(this.signature) || now.isAfter(created.plus(MAX_AGE))
        || snapshot.structureVersion() != structureVersion || snapshot.affinityVersion() != affinityVersion
        || snapshot.nodeObjectVersion() != nodeObjectVersion) {
      return Optional.empty();
    }
    long updates = snapshot.updates();
    if (updates == seenUpdates) {
      return Optional.of(List.of());
    }
    if (updates != seenUpdates + 1) {
      return Optional.empty(); // changes this batch did not see
    }
    seenUpdates = updates;
    List<String> ranked = new ArrayList<>();
    for (String name : snapshot.changedByLastUpdate()) {
      if (column.containsKey(name)) {
        ranked.add(name); // nodes outside the full cycle's window are not candidates: nothing to redo
      }
    }
    return Optional.of(ranked);
  }

  /** Filters and scores the changed nodes again and re-ranks them; false when that is not possible. */
  private boolean rescore(Framework fw, CycleState state, Pod pod, List<String> names, Snapshot snapshot) {
    if (names.isEmpty()) {
      return true;
    }
    List<NodeInfo> feasible = new ArrayList<>(names.size());
    for (String name : names) {
      live.remove(name);
      NodeInfo node = snapshot.get(name).orElse(null);
      if (node == null) {
        return false;
      }
      Status s = fw.handle().runFiltersWithNominatedPods(state, pod, node, null);
      if (s.isError()) {
        return false;
      }
      if (s.isSuccess()) {
        feasible.add(node);
      }
    }
    if (feasible.isEmpty()) {
      return true;
    }
    if (!fw.runPreScore(state, pod, feasible).isSuccess()) {
      return false;
    }
    for (NodeInfo node : feasible) {
      NodeRawScores scores;
      try {
        scores = fw.scoreOneNode(state, pod, node);
      } catch (Framework.ScoreFailure e) {
        return false;
      }
      Optional<Long> total = total(scores, column.get(node.nodeName()));
      if (total.isEmpty()) {
        return false;
      }
      offer(new Entry(node.nodeName(), total.get(), random.nextLong()));
    }
    return true;
  }

  /**
   * A rescored node's total: plugins without NormalizeScore contribute raw × weight; a normalizing
   * plugin keeps the normalized value of the full cycle if its raw score did not move (else empty).
   */
  private Optional<Long> total(NodeRawScores scores, Integer col) {
    if (col == null || !scores.plugins().equals(table.plugins())) {
      return Optional.empty();
    }
    long total = 0;
    for (int p = 0; p < scores.raw().length; p++) {
      long raw = scores.raw()[p];
      if (scores.normalizes()[p]) {
        if (table.raw()[p][col] != raw) {
          return Optional.empty();
        }
        total += table.weighted()[p][col];
      } else {
        if (raw < NodeScore.MIN_NODE_SCORE || raw > NodeScore.MAX_NODE_SCORE) {
          return Optional.empty();
        }
        total += raw * scores.weights()[p];
      }
    }
    return Optional.of(total);
  }

  private void offer(Entry e) {
    live.put(e.node, e);
    ranked.add(e);
  }
}
