package io.capstan.plugins.research;

import io.capstan.plugins.research.gpu.GpuResources;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.Map;

/** Nodes and pods in the Open-Gpu-Share convention for plugin tests. */
public final class GpuFixtures {

  private GpuFixtures() {}

  public static Node node(String name, String model, long cpuMilli, int gpus) {
    Map<String, Quantity> alloc = new LinkedHashMap<>();
    alloc.put("cpu", new Quantity(cpuMilli + "m"));
    alloc.put("memory", new Quantity("512Gi"));
    alloc.put("pods", new Quantity("1000"));
    if (gpus > 0) {
      alloc.put(GpuResources.GPU_MILLI, new Quantity(String.valueOf(gpus * 1000)));
      alloc.put(GpuResources.GPU_COUNT, new Quantity(String.valueOf(gpus)));
    }
    return new NodeBuilder().withNewMetadata().withName(name).addToLabels(GpuResources.GPU_MODEL, model).endMetadata()
        .withNewStatus().withAllocatable(alloc).withCapacity(alloc).endStatus().build();
  }

  /** A pod asking for {@code numGpu} × {@code milli} and {@code cpuMilli}; {@code gpuIndex} may be null. */
  public static Pod pod(String name, long cpuMilli, int numGpu, int milli, String spec, String gpuIndex) {
    Map<String, Quantity> req = new LinkedHashMap<>();
    req.put("cpu", new Quantity(cpuMilli + "m"));
    if (numGpu > 0) {
      req.put(GpuResources.GPU_MILLI, new Quantity(String.valueOf(numGpu * milli)));
    }
    PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace("t").withUid("uid-" + name)
        .addToAnnotations(GpuResources.GPU_COUNT, String.valueOf(numGpu))
        .addToAnnotations(GpuResources.GPU_MILLI, String.valueOf(milli))
        .addToAnnotations(GpuResources.GPU_MODEL, spec).endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("i").withNewResources().withRequests(req)
        .endResources().endContainer().endSpec();
    Pod pod = b.build();
    if (gpuIndex != null) {
      pod.getMetadata().getAnnotations().put(GpuResources.GPU_INDEX, gpuIndex);
    }
    return pod;
  }

  public static Pod pod(String name, long cpuMilli, int numGpu, int milli) {
    return pod(name, cpuMilli, numGpu, milli, "", null);
  }

  /** A pod already placed on the given GPUs. */
  public static Pod placed(String name, long cpuMilli, int numGpu, int milli, String gpuIndex) {
    return pod(name, cpuMilli, numGpu, milli, "", gpuIndex);
  }
}
