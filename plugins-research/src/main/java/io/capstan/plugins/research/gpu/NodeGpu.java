package io.capstan.plugins.research.gpu;

import java.util.Arrays;

/**
 * One node's GPUs and CPU as the GPU policies see them: the model, free CPU, and free milli-GPU of
 * each device (index order). Immutable; {@link #free} must not be modified by callers.
 */
public record NodeGpu(String model, long cpuFree, int[] free) {

  public int gpuCount() {
    return free.length;
  }

  /** Σ free milli-GPU over the node's GPUs (the paper's U). */
  public long freeTotal() {
    long s = 0;
    for (int f : free) {
      s += f;
    }
    return s;
  }

  /** How many GPUs are completely free. */
  public int fullyFree() {
    int n = 0;
    for (int f : free) {
      if (f == GpuResources.MILLI_PER_GPU) {
        n++;
      }
    }
    return n;
  }

  /** Whether the GPUs (not the CPU) can host the request. */
  public boolean gpusFit(PodGpu pod) {
    if (!pod.wantsGpu()) {
      return true;
    }
    if (free.length == 0 || !pod.allows(model)) {
      return false;
    }
    if (pod.sharing()) {
      for (int f : free) {
        if (f >= pod.milliPerGpu()) {
          return true;
        }
      }
      return false;
    }
    return fullyFree() >= pod.numGpu();
  }

  /** Whether CPU and GPUs can host the request. */
  public boolean fits(PodGpu pod) {
    return cpuFree >= pod.cpuMilli() && gpusFit(pod);
  }

  /** The lowest-index fully free GPUs a whole-GPU pod takes, or null if too few. */
  public int[] lowestFreeGpus(int n) {
    int[] out = new int[n];
    int k = 0;
    for (int i = 0; i < free.length && k < n; i++) {
      if (free[i] == GpuResources.MILLI_PER_GPU) {
        out[k++] = i;
      }
    }
    return k == n ? out : null;
  }

  /** The node after placing {@code pod} on the GPUs {@code devices}. */
  public NodeGpu place(PodGpu pod, int[] devices) {
    int[] after = free.clone();
    for (int d : devices) {
      after[d] -= pod.milliPerGpu();
    }
    return new NodeGpu(model, cpuFree - pod.cpuMilli(), after);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeGpu n && n.model.equals(model) && n.cpuFree == cpuFree && Arrays.equals(n.free, free);
  }

  @Override
  public int hashCode() {
    return (model.hashCode() * 31 + Long.hashCode(cpuFree)) * 31 + Arrays.hashCode(free);
  }

  @Override
  public String toString() {
    return "NodeGpu[" + model + ", cpuFree=" + cpuFree + ", free=" + Arrays.toString(free) + "]";
  }
}
