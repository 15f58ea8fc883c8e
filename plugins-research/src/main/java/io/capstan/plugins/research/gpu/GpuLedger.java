package io.capstan.plugins.research.gpu;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.scheduler.FrameworkHandle;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.PodInfo;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Arrays;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-GPU device accounting for one scheduler profile: which GPUs each placed pod holds, and each
 * node's free milli-GPU per device derived from the pods the snapshot shows on it.
 *
 * <p>A pod's devices come from its {@value GpuResources#GPU_INDEX} annotation if it has one, else
 * from what OpenGpuShare's Reserve recorded here, else (a pod placed by someone who did not choose
 * devices) from the "best" rule on the fly. The node view is cached by node generation, so each
 * node is recomputed only after it changed.
 *
 * <p>All plugins of a profile share the ledger through {@link #of(FrameworkHandle)} (one per
 * handle, dropped with it). The policy plugin of the profile registers its {@link DeviceChoice}.
 */
public final class GpuLedger {

  private static final Map<FrameworkHandle, GpuLedger> LEDGERS = new WeakHashMap<>();

  private record Cached(long generation, NodeGpu gpu) {}

  private static final int REQUEST_CACHE_LIMIT = 1 << 20;

  private final Map<String, int[]> devices = new ConcurrentHashMap<>();
  /** A pod object and the request read from it. */
  private record Request(Pod pod, PodGpu gpu) {}

  /** Pods' GPU requests by UID, for the pod object they were read from: once per object, not per node view. */
  private final Map<String, Request> requests = new ConcurrentHashMap<>();
  private final Map<String, Cached> nodes = new ConcurrentHashMap<>();
  private volatile DeviceChoice choice = DeviceChoice.BEST;

  /** The ledger of the profile behind {@code handle}. */
  public static GpuLedger of(FrameworkHandle handle) {
    requireNonNull(handle, "handle");
    synchronized (LEDGERS) {
      return LEDGERS.computeIfAbsent(handle, h -> new GpuLedger());
    }
  }

  /** Sets the rule Reserve uses to pick devices (the profile's policy plugin calls this). */
  public void useDeviceChoice(DeviceChoice choice) {
    this.choice = requireNonNull(choice, "choice");
  }

  public DeviceChoice deviceChoice() {
    return choice;
  }

  /** Records the devices {@code podUid} holds. */
  public void assign(String podUid, int[] gpus) {
    devices.put(requireNonNull(podUid, "podUid"), gpus.clone());
  }

  /** Forgets a pod's devices (Unreserve). */
  public void release(String podUid) {
    devices.remove(requireNonNull(podUid, "podUid"));
  }

  /** The devices recorded for a pod, if any. */
  public int[] assigned(String podUid) {
    int[] d = devices.get(podUid);
    return d == null ? null : d.clone();
  }

  /** The GPU request of a placed pod, read from its annotations once per pod object. */
  public PodGpu request(Pod pod) {
    String uid = pod.getMetadata().getUid();
    if (uid == null) {
      return PodGpu.of(pod);
    }
    Request cached = requests.get(uid);
    if (cached == null || cached.pod() != pod) {
      if (requests.size() > REQUEST_CACHE_LIMIT) {
        requests.clear();
      }
      cached = new Request(pod, PodGpu.of(pod));
      requests.put(uid, cached);
    }
    return cached.gpu();
  }

  /** The node's GPUs and CPU with every pod in the snapshot accounted for. */
  public NodeGpu node(NodeInfo info) {
    Cached c = nodes.get(info.nodeName());
    if (c != null && c.generation == info.generation()) {
      return c.gpu;
    }
    NodeGpu gpu = compute(info);
    nodes.put(info.nodeName(), new Cached(info.generation(), gpu));
    return gpu;
  }

  private NodeGpu compute(NodeInfo info) {
    Node node = info.node();
    int count = (int) info.allocatable().scalar(GpuResources.GPU_COUNT);
    Map<String, String> labels = node.getMetadata().getLabels();
    String model = labels == null ? "" : labels.getOrDefault(GpuResources.GPU_MODEL, "");
    long cpuFree = info.allocatable().milliCpu() - info.requested().milliCpu();
    int[] free = new int[count];
    Arrays.fill(free, GpuResources.MILLI_PER_GPU);
    NodeGpu state = new NodeGpu(model, cpuFree, free);
    for (PodInfo p : info.pods()) {
      Pod pod = p.pod();
      PodGpu req = request(pod);
      if (!req.wantsGpu() || count == 0) {
        continue;
      }
      int[] held = devicesOf(pod, state, req);
      for (int d : held) {
        if (d >= 0 && d < count) {
          if (free[d] < req.milliPerGpu()) {
            throw new IllegalStateException("GPU " + d + " of node " + info.nodeName() + " is overcommitted by pod "
                + pod.getMetadata().getName());
          }
          free[d] -= req.milliPerGpu();
        }
      }
    }
    return new NodeGpu(model, cpuFree, free);
  }

  private int[] devicesOf(Pod pod, NodeGpu state, PodGpu req) {
    Map<String, String> a = pod.getMetadata().getAnnotations();
    if (a != null && a.containsKey(GpuResources.GPU_INDEX)) {
      return Arrays.stream(a.get(GpuResources.GPU_INDEX).split(",")).map(String::trim)
          .filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
    }
    String uid = pod.getMetadata().getUid();
    int[] d = uid == null ? null : devices.get(uid);
    return d != null ? d : DeviceChoice.BEST.choose(state, req);
  }
}
