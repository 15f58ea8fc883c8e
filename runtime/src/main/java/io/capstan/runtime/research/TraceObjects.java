package io.capstan.runtime.research;

import io.capstan.runtime.research.TraceReader.TraceNode;
import io.capstan.runtime.research.TraceReader.TracePod;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

  /**
   * The pod as the scheduler sees it: {@link #apiPod} plus a uid and a Pending status. Built with
   * constructors and setters, not builders (whose deep copies cost a fill run ~8 % of its time),
   * into the same object: {@code TraceObjectsTest} compares the two.
   */
  public static Pod pod(TracePod p, String name, String uid, String schedulerName) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name);
    meta.setNamespace("sim");
    meta.setUid(uid);
    meta.setAnnotations(annotations(p));
    ResourceRequirements resources = new ResourceRequirements();
    resources.setRequests(requests(p));
    resources.setLimits(requests(p));
    Container task = new Container();
    task.setName("task");
    task.setImage("task");
    task.setResources(resources);
    PodSpec spec = new PodSpec();
    spec.setSchedulerName(schedulerName);
    spec.setContainers(new ArrayList<>(List.of(task)));
    PodStatus status = new PodStatus();
    status.setPhase("Pending");
    Pod pod = new Pod();
    pod.setMetadata(meta);
    pod.setSpec(spec);
    pod.setStatus(status);
    return pod;
  }

  private static Map<String, String> annotations(TracePod p) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put(GPU_COUNT, String.valueOf(p.numGpu()));
    a.put(GPU_MILLI, String.valueOf(p.gpuMilli()));
    a.put(GPU_MODEL, p.gpuSpec());
    return a;
  }

  private static Map<String, Quantity> requests(TracePod p) {
    Map<String, Quantity> req = new LinkedHashMap<>();
    req.put("cpu", new Quantity(p.cpuMilli() + "m"));
    req.put("memory", new Quantity(p.memoryMib() + "Mi"));
    if (p.totalGpuMilli() > 0) {
      req.put(GPU_MILLI, new Quantity(String.valueOf(p.totalGpuMilli())));
    }
    return req;
  }

  /** The pod as a client creates it through the API: no uid, no status. */
  public static Pod apiPod(TracePod p, String name, String schedulerName) {
    Map<String, Quantity> req = requests(p);
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("sim")
        .addToAnnotations(GPU_COUNT, String.valueOf(p.numGpu()))
        .addToAnnotations(GPU_MILLI, String.valueOf(p.gpuMilli()))
        .addToAnnotations(GPU_MODEL, p.gpuSpec()).endMetadata()
        .withNewSpec().withSchedulerName(schedulerName).addNewContainer().withName("task").withImage("task")
        .withNewResources().withRequests(req).withLimits(req).endResources().endContainer().endSpec().build();
  }
}
