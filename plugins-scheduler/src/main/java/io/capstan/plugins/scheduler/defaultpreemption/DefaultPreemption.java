package io.capstan.plugins.scheduler.defaultpreemption;

import static java.util.Objects.requireNonNull;

import io.capstan.plugins.scheduler.helper.Pods;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.FrameworkHandle;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.PodInfo;
import io.capstan.spi.scheduler.PostFilterPlugin;
import io.capstan.spi.scheduler.PostFilterResult;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' {@code DefaultPreemption} (PostFilter). When no node fits, it looks for nodes where
 * evicting lower-priority pods lets the pod fit (skipping nodes rejected as
 * UNSCHEDULABLE_AND_UNRESOLVABLE), evaluating at least {@code max(10% of them, 100)}; on each it
 * keeps as many pods as possible ({@link VictimSelection}). Among candidates it picks, in
 * Kubernetes' order: fewest PDB violations, lowest highest-victim priority, smallest sum of
 * priorities, fewest victims, latest earliest-start-time of the highest-priority victims, then the
 * first. It preempts the victims through the host ({@link FrameworkHandle#preemptPod}), clears the
 * nominations of lower-priority pods on that node and nominates it for the pod.
 */
public final class DefaultPreemption implements PostFilterPlugin {

  public static final String NAME = "DefaultPreemption";
  private static final Logger LOG = LoggerFactory.getLogger(DefaultPreemption.class);

  private final DefaultPreemptionArgs args;
  private final FrameworkHandle handle;

  @Inject
  public DefaultPreemption(DefaultPreemptionArgs args, FrameworkHandle handle) {
    this.args = requireNonNull(args, "args");
    this.handle = requireNonNull(handle, "handle");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public PostFilterResult postFilter(CycleState state, Pod pod, Map<String, Status> statuses) {
    try {
      return preempt(state, pod, statuses);
    } catch (UnsupportedOperationException e) {
      return PostFilterResult.of(Status.error("preemption needs a scheduler host that " + e.getMessage()
          .replace("this scheduler host ", "")));
    }
  }

  private PostFilterResult preempt(CycleState state, Pod pod, Map<String, Status> statuses) {
    Optional<String> notEligible = notEligible(pod, statuses);
    if (notEligible.isPresent()) {
      return PostFilterResult.of(Status.unschedulable(notEligible.get()));
    }
    List<NodeInfo> all = handle.snapshot().list();
    List<NodeInfo> potential = new ArrayList<>();
    for (NodeInfo n : all) {
      Status s = statuses.get(n.nodeName());
      if (s == null || s.code() != Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE) {
        potential.add(n);
      }
    }
    if (potential.isEmpty()) {
      return PostFilterResult.of(Status.unschedulable("preemption: 0/" + all.size()
          + " nodes are available: " + all.size() + " Preemption is not helpful for scheduling."));
    }
    Instant now = handle.clock().now();
    VictimSelection selection = new VictimSelection(handle, pdbs(), now);
    int wanted = args.numCandidates(potential.size());
    List<Candidate> nonViolating = new ArrayList<>();
    List<Candidate> violating = new ArrayList<>();
    Map<String, Integer> failures = new TreeMap<>();
    for (NodeInfo n : potential) {
      VictimSelection.Result r = selection.select(state.copy(), pod, n);
      if (r.status().isSuccess()) {
        Candidate c = new Candidate(n.nodeName(), r.victims(), r.numPdbViolations());
        (c.numPdbViolations() == 0 ? nonViolating : violating).add(c);
        if (!nonViolating.isEmpty() && nonViolating.size() + violating.size() >= wanted) {
          break;
        }
      } else if (r.status().isError()) {
        return PostFilterResult.of(r.status());
      } else {
        failures.merge(r.status().message(), 1, Integer::sum);
      }
    }
    List<Candidate> candidates = new ArrayList<>(nonViolating);
    candidates.addAll(violating);
    if (candidates.isEmpty()) {
      StringBuilder msg = new StringBuilder("preemption: 0/" + all.size() + " nodes are available: ");
      List<String> parts = new ArrayList<>();
      failures.forEach((reason, count) -> parts.add(count + " " + reason));
      int unresolvable = all.size() - potential.size();
      if (unresolvable > 0) {
        parts.add(unresolvable + " Preemption is not helpful for scheduling");
      }
      msg.append(String.join(", ", parts)).append('.');
      return PostFilterResult.of(Status.unschedulable(msg.toString()));
    }
    Candidate best = pick(candidates, now);
    for (PodInfo victim : best.victims()) {
      Status s = handle.preemptPod(victim.pod(), pod);
      if (!s.isSuccess()) {
        return PostFilterResult.of(Status.error("preempting " + victim.key() + ": " + s.message()));
      }
      LOG.info("preempted {} on {} for {}/{}", victim.key(), best.nodeName(), Pods.namespace(pod),
          Pods.name(pod));
    }
    clearLowerNominations(pod, best.nodeName());
    return PostFilterResult.nominate(best.nodeName());
  }

  private Optional<String> notEligible(Pod pod, Map<String, Status> statuses) {
    if (pod.getSpec() != null && "Never".equals(pod.getSpec().getPreemptionPolicy())) {
      return Optional.of("not eligible due to preemptionPolicy=Never.");
    }
    String nominated = pod.getStatus() == null ? null : pod.getStatus().getNominatedNodeName();
    if (nominated == null || nominated.isEmpty()) {
      return Optional.empty();
    }
    Status s = statuses.get(nominated);
    if (s != null && s.code() == Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE) {
      return Optional.empty();
    }
    Optional<NodeInfo> node = handle.snapshot().get(nominated);
    int priority = Pods.priority(pod);
    if (node.isPresent() && node.get().pods().stream()
        .anyMatch(p -> Pods.priority(p.pod()) < priority && terminatingByPreemption(p.pod()))) {
      return Optional.of("not eligible due to a terminating pod on the nominated node.");
    }
    return Optional.empty();
  }

  /**
   * Kubernetes' {@code podTerminatingByPreemption}: being deleted and carrying the condition
   * {@code DisruptionTarget=True} with reason {@code PreemptionByScheduler}.
   */
  static boolean terminatingByPreemption(Pod pod) {
    if (!Pods.terminating(pod) || pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return false;
    }
    return pod.getStatus().getConditions().stream().anyMatch(c -> "DisruptionTarget".equals(c.getType())
        && "True".equals(c.getStatus()) && "PreemptionByScheduler".equals(c.getReason()));
  }

  private List<PodDisruptionBudget> pdbs() {
    try {
      return handle.listObjects(PodDisruptionBudget.class, Optional.empty());
    } catch (UnsupportedOperationException e) {
      return List.of();
    }
  }

  private void clearLowerNominations(Pod pod, String nodeName) {
    int priority = Pods.priority(pod);
    for (PodInfo p : handle.nominatedPodsForNode(nodeName)) {
      if (Pods.priority(p.pod()) < priority) {
        try {
          handle.clearNominatedNodeName(p.pod());
        } catch (UnsupportedOperationException e) {
          return;
        }
      }
    }
  }

  /** Kubernetes' {@code pickOneNodeForPreemption}. */
  static Candidate pick(List<Candidate> candidates, Instant now) {
    for (Candidate c : candidates) {
      if (c.victims().isEmpty()) {
        return c;
      }
    }
    List<ToLongFunction<Candidate>> criteria = List.of(
        c -> -c.numPdbViolations(),
        c -> -Pods.priority(c.victims().get(0).pod()),
        c -> -c.victims().stream().mapToLong(v -> (long) Pods.priority(v.pod()) + Integer.MAX_VALUE + 1L).sum(),
        c -> -c.victims().size(),
        c -> earliestStartOfHighestPriorityVictims(c, now));
    List<Candidate> remaining = candidates;
    for (ToLongFunction<Candidate> criterion : criteria) {
      long best = Long.MIN_VALUE;
      List<Candidate> next = new ArrayList<>();
      for (Candidate c : remaining) {
        long score = criterion.applyAsLong(c);
        if (score > best) {
          best = score;
          next.clear();
        }
        if (score == best) {
          next.add(c);
        }
      }
      remaining = next;
      if (remaining.size() == 1) {
        break;
      }
    }
    return remaining.get(0);
  }

  private static long earliestStartOfHighestPriorityVictims(Candidate c, Instant now) {
    int top = Pods.priority(c.victims().get(0).pod());
    Instant earliest = null;
    for (PodInfo v : c.victims()) {
      if (Pods.priority(v.pod()) != top) {
        continue;
      }
      Instant t = Pods.startTime(v.pod()).orElse(now);
      earliest = earliest == null || t.isBefore(earliest) ? t : earliest;
    }
    return earliest == null ? Long.MIN_VALUE
        : earliest.getEpochSecond() * 1_000_000_000L + earliest.getNano();
  }
}
