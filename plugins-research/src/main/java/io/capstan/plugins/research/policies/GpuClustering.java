package io.capstan.plugins.research.policies;

import io.capstan.plugins.research.gpu.DeviceChoice;
import io.capstan.plugins.research.gpu.GpuResources;
import io.capstan.plugins.research.gpu.NodeGpu;
import io.capstan.plugins.research.gpu.PodGpu;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.FrameworkHandle;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.PodInfo;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GpuClustering: packs tasks of one class (share, 1-gpu, 2-gpu, 4-gpu, 8-gpu) together. With base =
 * 25·(8000 − gpu_free_total)/8000 (integers): node hosts only this class → base + 75; this class and
 * others → base + 50; no GPU task yet → base + 25; only other classes → base. CPU pods score 0.
 * Devices: "best".
 */
public final class GpuClustering extends GpuPolicy {

  public static final String NAME = "GpuClustering";

  /** The affinity classes a node hosts, as of one generation of its snapshot entry. */
  private record Hosted(long generation, Set<String> classes) {}

  private final Map<String, Hosted> hosted = new ConcurrentHashMap<>();

  @Inject
  public GpuClustering(NoConfig config, FrameworkHandle handle) {
    super(handle, DeviceChoice.BEST);
  }

  @Override
  public String name() {
    return NAME;
  }

  /** "n-gpu" for small n, made once rather than on every score call. */
  private static final String[] WHOLE = java.util.stream.IntStream.range(0, 17).mapToObj(n -> n + "-gpu")
      .toArray(String[]::new);

  /** The affinity class of a GPU request ("share", "n-gpu"), or empty for a CPU pod. */
  static String affinity(PodGpu pod) {
    if (!pod.wantsGpu()) {
      return "";
    }
    if (pod.sharing()) {
      return "share";
    }
    return pod.numGpu() < WHOLE.length ? WHOLE[pod.numGpu()] : pod.numGpu() + "-gpu";
  }

  @Override
  long score(CycleState state, PodGpu pod, NodeGpu node, NodeInfo nodeInfo) {
    String mine = affinity(pod);
    if (mine.isEmpty()) {
      return 0;
    }
    long base = 25 * (GpuResources.MAX_SPEC_GPU - node.freeTotal()) / GpuResources.MAX_SPEC_GPU;
    Set<String> hosted = hostedClasses(nodeInfo);
    if (hosted.isEmpty()) {
      return base + 25;
    }
    if (hosted.contains(mine)) {
      return hosted.size() == 1 ? base + 75 : base + 50;
    }
    return base;
  }

  /** The classes of the GPU pods on the node, recomputed only when the node's entry changed. */
  private Set<String> hostedClasses(NodeInfo nodeInfo) {
    Hosted h = hosted.get(nodeInfo.nodeName());
    if (h != null && h.generation() == nodeInfo.generation()) {
      return h.classes();
    }
    Set<String> classes = new HashSet<>();
    for (PodInfo p : nodeInfo.pods()) {
      String a = affinity(ledger.request(p.pod()));
      if (!a.isEmpty()) {
        classes.add(a);
      }
    }
    Set<String> frozen = Set.copyOf(classes);
    hosted.put(nodeInfo.nodeName(), new Hosted(nodeInfo.generation(), frozen));
    return frozen;
  }
}
