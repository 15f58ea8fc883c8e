package io.capstan.plugins.research.gpu;

import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.PodRequests;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a pod asks of the GPUs and CPUs, read from its annotations and requests.
 *
 * @param cpuMilli the pod's CPU request
 * @param numGpu how many GPUs (0 for a CPU pod)
 * @param milliPerGpu milli-GPU on each of them (1..1000)
 * @param models the allowed GPU models, empty for any
 */
public record PodGpu(long cpuMilli, int numGpu, int milliPerGpu, Set<String> models) implements CycleState.StateData {

  /** The CycleState key under which OpenGpuShare's PreFilter stores the pod's request. */
  public static final CycleState.Key<PodGpu> KEY = CycleState.key("OpenGpuSharePodGpu", PodGpu.class);

  public PodGpu {
    models = Set.copyOf(models);
    if (numGpu < 0 || milliPerGpu < 0 || milliPerGpu > GpuResources.MILLI_PER_GPU) {
      throw new IllegalArgumentException("bad GPU request: " + numGpu + " x " + milliPerGpu);
    }
  }

  /** Reads the request from the cycle state if OpenGpuShare stored it, else from the pod. */
  public static PodGpu of(CycleState state, Pod pod) {
    java.util.Optional<PodGpu> stored = state.read(KEY); // no capturing lambda: called per node in Filter and Score
    return stored.isPresent() ? stored.get() : of(pod);
  }

  /** Reads the request from the pod's annotations and CPU request. */
  public static PodGpu of(Pod pod) {
    Map<String, String> a = pod.getMetadata().getAnnotations();
    long cpu = PodRequests.requests(pod).milliCpu();
    if (a == null) {
      return new PodGpu(cpu, 0, 0, Set.of());
    }
    int num = parse(a.get(GpuResources.GPU_COUNT));
    int milli = num == 0 ? 0 : Math.min(GpuResources.MILLI_PER_GPU, parse(a.get(GpuResources.GPU_MILLI)));
    return new PodGpu(cpu, num, milli, models(a.get(GpuResources.GPU_MODEL)));
  }

  /** Parses a {@code |}-separated model list; duplicates and blanks dropped. */
  public static Set<String> models(String spec) {
    Set<String> out = new TreeSet<>();
    if (spec != null) {
      for (String m : spec.split("\\|")) {
        if (!m.isBlank()) {
          out.add(m.trim());
        }
      }
    }
    return out;
  }

  private static int parse(String v) {
    return v == null || v.isBlank() ? 0 : Integer.parseInt(v.trim());
  }

  /** Whether it asks for any GPU. */
  public boolean wantsGpu() {
    return numGpu > 0 && milliPerGpu > 0;
  }

  /** A fraction of one GPU ({@code num_gpu == 1 && gpu_milli < 1000}). */
  public boolean sharing() {
    return numGpu == 1 && milliPerGpu < GpuResources.MILLI_PER_GPU;
  }

  /** num_gpu × gpu_milli. */
  public long totalMilli() {
    return (long) numGpu * milliPerGpu;
  }

  /** Whether a node of this model may host it. */
  public boolean allows(String model) {
    return models.isEmpty() || models.contains(model);
  }

  @Override
  public PodGpu copy() {
    return this;
  }
}
