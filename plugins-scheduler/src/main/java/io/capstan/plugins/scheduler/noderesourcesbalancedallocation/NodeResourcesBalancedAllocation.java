package io.capstan.plugins.scheduler.noderesourcesbalancedallocation;

import static java.util.Objects.requireNonNull;

import io.capstan.plugins.scheduler.helper.ResourceAllocation;
import io.capstan.plugins.scheduler.helper.Scratch;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.NodeScore;
import io.capstan.spi.scheduler.PodRequests;
import io.capstan.spi.scheduler.PreScorePlugin;
import io.capstan.spi.scheduler.Resource;
import io.capstan.spi.scheduler.ScorePlugin;
import io.capstan.spi.scheduler.ScoreResult;
import io.capstan.spi.scheduler.SignPlugin;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * Kubernetes' {@code NodeResourcesBalancedAllocation} (weight 1), the current (v1.23+) formula.
 *
 * <p>For each configured resource the node offers (extended ones only if the pod requests them):
 * {@code f = min((requested + pod request) / allocatable, 1)} with actual requests. With two
 * fractions {@code std = |f1 − f2| / 2}, with more the population standard deviation, with fewer
 * 0; the score is {@code (long) ((1 − std) · 100)}. PreScore skips best-effort pods (no request
 * for any configured resource), so they get no score from this plugin.
 */
public final class NodeResourcesBalancedAllocation implements PreScorePlugin, ScorePlugin, SignPlugin {

  public static final String NAME = "NodeResourcesBalancedAllocation";
  static final CycleState.Key<PreScoreState> KEY =
      CycleState.key("PreScore" + NAME, PreScoreState.class);

  record PreScoreState(long[] podRequests) implements CycleState.StateData {
    @Override
    public CycleState.StateData copy() {
      return this;
    }
  }

  private final List<String> resources;

  @Inject
  public NodeResourcesBalancedAllocation(NodeResourcesBalancedAllocationArgs args) {
    requireNonNull(args, "args");
    this.resources = args.resources().stream()
        .map(NodeResourcesBalancedAllocationArgs.ResourceSpec::name).toList();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<List<Object>> signPod(Pod pod) {
    return Optional.of(List.of(PodRequests.requests(pod)));
  }

  private long[] podRequests(Pod pod) {
    Resource request = PodRequests.requests(pod);
    long[] r = new long[resources.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = ResourceAllocation.request(request, resources.get(i));
    }
    return r;
  }

  @Override
  public Status preScore(CycleState state, Pod pod, List<NodeInfo> feasibleNodes) {
    long[] requests = podRequests(pod);
    boolean bestEffort = true;
    for (long r : requests) {
      bestEffort &= r == 0;
    }
    if (bestEffort) {
      return Status.skip();
    }
    state.write(KEY, new PreScoreState(requests));
    return Status.success();
  }

  @Override
  public ScoreResult score(CycleState state, Pod pod, NodeInfo nodeInfo) {
    PreScoreState pre = state.read(KEY).orElse(null);
    long[] podRequests = pre != null ? pre.podRequests() : podRequests(pod);
    int n = podRequests.length;
    Scratch scratch = Scratch.of(n);
    long[] allocatable = scratch.first();
    long[] requested = scratch.second();
    double[] fractions = scratch.fractions();
    int count = 0;
    double total = 0;
    for (int i = 0; i < n; i++) {
      ResourceAllocation.amounts(nodeInfo, resources.get(i), podRequests[i], true, allocatable, requested, i);
      if (allocatable[i] == 0) {
        continue;
      }
      double f = Math.min((double) requested[i] / (double) allocatable[i], 1.0);
      total += f;
      fractions[count++] = f;
    }
    double std = 0;
    if (count == 2) {
      std = Math.abs((fractions[0] - fractions[1]) / 2);
    } else if (count > 2) {
      double mean = total / count;
      double sum = 0;
      for (int i = 0; i < count; i++) {
        sum += (fractions[i] - mean) * (fractions[i] - mean);
      }
      std = Math.sqrt(sum / count);
    }
    return ScoreResult.of((long) ((1 - std) * NodeScore.MAX_NODE_SCORE));
  }
}
