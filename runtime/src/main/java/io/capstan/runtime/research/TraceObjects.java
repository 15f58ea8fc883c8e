package io.capstan.runtime.research;

import io.capstan.runtime.research.TraceReader.TraceNode;
import io.capstan.runtime.research.TraceReader.TracePod;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trace rows as Kubernetes objects, with GPUs in the Open-Gpu-Share convention: nodes offer
 * {@code alibaba.com/gpu-milli} (1000 per GPU) and {@code alibaba.com/gpu-count} and carry their
 * model in the label {@code alibaba.com/gpu-card-model}; pods request their total milli-GPU as
 * {@code alibaba.com/gpu-milli} and carry count, per-GPU milli and allowed models as annotations.
 */
public final class TraceObjects {

  public static final String GPU_MILLI = "alibaba.com/gpu-milli";
  public static final String GPU_COUNT = "alibaba.com/gpu-count";
  public static final String GPU_MODEL = "alibaba.com/gpu-card-model";

  private TraceObjects() {}

  public static Node node(TraceNode n, String name) {
    Map<String, Quantity> alloc = new LinkedHashMap<>();
    alloc.put("cpu", new Quantity(n.cpuMilli() + "m"));
    alloc.put("memory", new Quantity(n.memoryMib() + "Mi"));
    alloc.put("pods", new Quantity("10000"));
    if (n.gpus() > 0) {
      alloc.put(GPU_MILLI, new Quantity(String.valueOf(n.gpus() * 1000L)));
      alloc.put(GPU_COUNT, new Quantity(String.valueOf(n.gpus())));
    }
    return new NodeBuilder().withNewMetadata().withName(name).withUid("node-" + name)
        .addToLabels("kubernetes.io/hostname", name).addToLabels(GPU_MODEL, n.model()).endMetadata()
        .withNewStatus().withAllocatable(alloc).withCapacity(alloc).endStatus().build();
  }

  public static Pod pod(TracePod p, String name, String uid, String schedulerName) {
    Pod pod = apiPod(p, name, schedulerName);
    pod.getMetadata().setUid(uid);
    pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Pending").build());
    return pod;
  }

  /** The pod as a client creates it through the API: no uid, no status. */
  public static Pod apiPod(TracePod p, String name, String schedulerName) {
    Map<String, Quantity> req = new LinkedHashMap<>();
    req.put("cpu", new Quantity(p.cpuMilli() + "m"));
    req.put("memory", new Quantity(p.memoryMib() + "Mi"));
    if (p.totalGpuMilli() > 0) {
      req.put(GPU_MILLI, new Quantity(String.valueOf(p.totalGpuMilli())));
    }
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("sim")
        .addToAnnotations(GPU_COUNT, String.valueOf(p.numGpu()))
        .addToAnnotations(GPU_MILLI, String.valueOf(p.gpuMilli()))
        .addToAnnotations(GPU_MODEL, p.gpuSpec()).endMetadata()
        .withNewSpec().withSchedulerName(schedulerName).addNewContainer().withName("task").withImage("task")
        .withNewResources().withRequests(req).withLimits(req).endResources().endContainer().endSpec().build();
  }
}
