package io.capstan.plugins.research.gpu;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * FGD's node fragmentation against a target workload (the paper's F_n(M)): the expected milli-GPU
 * on the node that a task drawn from the workload could not use.
 *
 * <p>For each task class m with popularity p_m: if m is CPU-only or the node cannot host it (no GPU,
 * too little CPU, a model it does not allow, GPUs too full) all unallocated GPU milli counts;
 * otherwise the free milli of the GPUs with less free than m's per-GPU request counts.
 */
public final class Fragmentation {

  /** One task class of the target workload and its popularity (weights need not sum to 1). */
  public record TaskClass(long cpuMilli, int numGpu, int milliPerGpu, String gpuSpec, double weight) {
    public TaskClass {
      requireNonNull(gpuSpec, "gpuSpec");
    }

    PodGpu asPod() {
      return new PodGpu(cpuMilli, numGpu, milliPerGpu, PodGpu.models(gpuSpec));
    }
  }

  private final PodGpu[] classes;
  private final double[] p;

  public Fragmentation(List<TaskClass> workload) {
    if (workload.isEmpty()) {
      throw new IllegalArgumentException("FGD needs a target workload with at least one task class");
    }
    classes = new PodGpu[workload.size()];
    p = new double[workload.size()];
    double sum = workload.stream().mapToDouble(TaskClass::weight).sum();
    for (int i = 0; i < classes.length; i++) {
      classes[i] = workload.get(i).asPod();
      p[i] = workload.get(i).weight() / sum;
    }
  }

  /** F_n in milli-GPU. */
  public double of(NodeGpu node) {
    long u = node.freeTotal();
    double f = 0;
    for (int i = 0; i < classes.length; i++) {
      PodGpu m = classes[i];
      double fm;
      if (!m.wantsGpu() || !node.fits(m)) {
        fm = u;
      } else {
        long s = 0;
        for (int free : node.free()) {
          if (free < m.milliPerGpu()) {
            s += free;
          }
        }
        fm = s;
      }
      f += p[i] * fm;
    }
    return f;
  }
}
