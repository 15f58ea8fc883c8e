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
 * (identical idle nodes and repeated request shapes are the common case).
 */
public final class Fgd extends GpuPolicy {

  public static final String NAME = "FGD";
  private static final int MEMO_LIMIT = 1 << 20;

  /** @param workload the target workload: task classes with their popularity */
  public record Args(List<Fragmentation.TaskClass> workload) {
    public Args {
      workload = workload == null ? List.of() : List.copyOf(workload);
    }
  }

  private record Key(NodeGpu node, PodGpu pod) {}

  private final Fragmentation frag;
  private final Map<Key, Long> memo = new ConcurrentHashMap<>();

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
    Key key = new Key(node, pod);
    Long cached = memo.get(key);
    if (cached != null) {
      return cached;
    }
    long s = compute(frag, node, pod);
    if (memo.size() > MEMO_LIMIT) {
      memo.clear();
    }
    memo.put(key, s);
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
