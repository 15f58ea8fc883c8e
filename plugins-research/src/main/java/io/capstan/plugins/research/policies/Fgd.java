package io.capstan.plugins.research.policies;

import io.capstan.plugins.research.gpu.DeviceChoice;
import io.capstan.plugins.research.gpu.Fragmentation;
import io.capstan.plugins.research.gpu.NodeGpu;
import io.capstan.plugins.research.gpu.PodGpu;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.FrameworkHandle;
import io.capstan.spi.scheduler.NodeInfo;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fragmentation Gradient Descent: Δ = F_n(before) − F_n(after placing the pod), score =
 * int(100·sigmoid(Δ/1000)), F_n as {@link Fragmentation} defines it against the target workload in
 * {@link Args#workload()}. For a sharing pod every fitting GPU is tried and the one with the least
 * fragmentation after wins, both for the score and for the device choice. Pods that request nothing
 * score 100.
 *
 * <p>Scores depend only on the node's GPU/CPU state and the request, so they are memoised by both
 * (identical idle nodes and repeated request shapes are the common case): by request first, found
 * once per cycle since OpenGpuShare's PreFilter hands every plugin the same request object, then by
 * node state.
 */
public final class Fgd extends GpuPolicy {

  public static final String NAME = "FGD";
  private static final int MEMO_LIMIT = 1 << 18;
  private static final int MEMO_LIMIT_SHAPES = 1 << 12;

  /** @param workload the target workload: task classes with their popularity */
  public record Args(List<Fragmentation.TaskClass> workload) {
    public Args {
      workload = workload == null ? List.of() : List.copyOf(workload);
    }
  }

  /** The memo of the request shape scored last (a cycle scores one pod on every feasible node). */
  private record Last(PodGpu pod, Map<NodeGpu, Long> byNode) {}

  private final Fragmentation frag;
  /** Scores by request shape, then by node state: one lookup of the pod per cycle, one of the node per call. */
  private final Map<PodGpu, Map<NodeGpu, Long>> memo = new ConcurrentHashMap<>();
  private volatile Last last;

  @Inject
  public Fgd(Args args, FrameworkHandle handle) {
    this(new Fragmentation(args.workload()), handle);
  }

  private Fgd(Fragmentation frag, FrameworkHandle handle) {
    super(handle, (node, pod) -> choose(frag, node, pod));
    this.frag = frag;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The devices that leave the least fragmentation; lowest index on ties. */
  static int[] choose(Fragmentation frag, NodeGpu node, PodGpu pod) {
    if (!pod.sharing()) {
      return DeviceChoice.wholeGpus(node, pod);
    }
    int best = -1;
    double bestAfter = Double.MAX_VALUE;
    for (int i = 0; i < node.free().length; i++) {
      if (node.free()[i] < pod.milliPerGpu()) {
        continue;
      }
      double after = frag.of(node.place(pod, new int[] {i}));
      if (after < bestAfter) {
        bestAfter = after;
        best = i;
      }
    }
    return best < 0 ? new int[0] : new int[] {best};
  }

  @Override
  long score(CycleState state, PodGpu pod, NodeGpu node, NodeInfo nodeInfo) {
    if (pod.cpuMilli() == 0 && !pod.wantsGpu()) {
      return 100;
    }
    Last l = last;
    if (l == null || l.pod() != pod) {
      if (memo.size() > MEMO_LIMIT_SHAPES) {
        memo.clear();
      }
      l = new Last(pod, memo.computeIfAbsent(pod, k -> new ConcurrentHashMap<>()));
      last = l;
    }
    Long cached = l.byNode().get(node);
    if (cached != null) {
      return cached;
    }
    long s = compute(frag, node, pod);
    if (l.byNode().size() > MEMO_LIMIT) {
      l.byNode().clear();
    }
    l.byNode().put(node, s);
    return s;
  }

  static long compute(Fragmentation frag, NodeGpu node, PodGpu pod) {
    int[] devices = pod.wantsGpu() ? choose(frag, node, pod) : new int[0];
    if (pod.wantsGpu() && devices.length == 0) {
      return 0;
    }
    double delta = frag.of(node) - frag.of(node.place(pod, devices));
    return (long) (100 / (1 + Math.exp(-delta / 1000)));
  }
}
