package io.capstan.plugins.research.gpu;

/**
 * The names GPU-sharing pods and nodes carry, as the Open-Gpu-Share scheduler of the FGD paper's
 * simulator uses them. A node offers {@value #GPU_MILLI} (1000 per GPU) and {@value #GPU_COUNT} in
 * {@code status.allocatable} and its model in the label {@value #GPU_MODEL}. A pod asks for its
 * total milli-GPU as the extended resource {@value #GPU_MILLI}, and says how it is split in
 * annotations: {@value #GPU_MILLI} (per GPU), {@value #GPU_COUNT} and the allowed models in
 * {@value #GPU_MODEL} ({@code |}-separated, empty for any).
 */
public final class GpuResources {

  /** Milli-GPU: a resource name, a per-GPU pod annotation. */
  public static final String GPU_MILLI = "alibaba.com/gpu-milli";
  /** Number of GPUs: a node resource, a pod annotation. */
  public static final String GPU_COUNT = "alibaba.com/gpu-count";
  /** The GPU model: a node label, the pod's allowed models as an annotation. */
  public static final String GPU_MODEL = "alibaba.com/gpu-card-model";
  /** The GPUs a pod was given on its node, comma-separated indices (written by whoever knows). */
  public static final String GPU_INDEX = "alibaba.com/gpu-index";
  /** Capacity of one GPU in milli-GPU. */
  public static final int MILLI_PER_GPU = 1000;
  /** The paper's normalisation constants: the largest node has 128 cores and 8 GPUs. */
  public static final long MAX_SPEC_CPU = 128_000;
  public static final long MAX_SPEC_GPU = 8_000;

  private GpuResources() {}
}
