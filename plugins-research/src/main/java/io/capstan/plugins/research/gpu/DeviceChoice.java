package io.capstan.plugins.research.gpu;

/**
 * Which GPUs of a chosen node a pod gets. Whole-GPU pods always take the lowest-index fully free
 * GPUs; the policies differ only for GPU-sharing pods.
 */
@FunctionalInterface
public interface DeviceChoice {

  /** The chosen device indices, or an empty array if the GPUs cannot host the pod. */
  int[] choose(NodeGpu node, PodGpu pod);

  /** "best": the fitting GPU with the least free milli (lowest index on ties). */
  DeviceChoice BEST = (node, pod) -> {
    if (!pod.sharing()) {
      return wholeGpus(node, pod);
    }
    int best = -1;
    for (int i = 0; i < node.free().length; i++) {
      int f = node.free()[i];
      if (f >= pod.milliPerGpu() && (best < 0 || f < node.free()[best])) {
        best = i;
      }
    }
    return best < 0 ? new int[0] : new int[] {best};
  };

  /** Whole-GPU pods (and anything not sharing): the lowest-index fully free GPUs. */
  static int[] wholeGpus(NodeGpu node, PodGpu pod) {
    if (!pod.wantsGpu()) {
      return new int[0];
    }
    int[] out = node.lowestFreeGpus(pod.numGpu());
    return out == null ? new int[0] : out;
  }
}
