package io.capstan.runtime.bench;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/**
 * The objects of scheduler_perf's workloads: nodes as {@code templates/node-default.yaml} (4 CPU,
 * 32 Gi, 110 pods, spread over 10 zones), pods as {@code pod-default.yaml} (100m CPU, 500Mi), and
 * the variants with node affinity, topology spread, anti-affinity and priorities.
 */
public final class SchedulerWorkloads {

  public static final java.util.List<String> NAMES = java.util.List.of("basic", "affinity", "spread", "antiaffinity",
      "preemption");

  private SchedulerWorkloads() {}

  public static Node node(int i) {
    return new NodeBuilder()
        .withNewMetadata().withName("node-" + i)
          .withLabels(Map.of("kubernetes.io/hostname", "node-" + i, "topology.kubernetes.io/zone", "zone-" + (i % 10),
              "bench/group", i % 2 == 0 ? "even" : "odd"))
        .endMetadata()
        .withNewStatus()
          .withAllocatable(Map.of("cpu", new Quantity("4"), "memory", new Quantity("32Gi"), "pods", new Quantity("110")))
          .withCapacity(Map.of("cpu", new Quantity("4"), "memory", new Quantity("32Gi"), "pods", new Quantity("110")))
          .addNewCondition().withType("Ready").withStatus("True").endCondition()
        .endStatus()
        .build();
  }

  /** A pod of the workload; {@code measured} pods of the preemption workload get a high priority. */
  public static Pod pod(String workload, String namespace, String name, boolean measured) {
    PodBuilder b = new PodBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).withLabels(Map.of("app", "bench", "color", "blue"))
        .endMetadata()
        .withNewSpec()
          .addNewContainer().withName("pause").withImage("registry.k8s.io/pause:3.10")
            .withNewResources().withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("500Mi")))
            .endResources()
          .endContainer()
        .endSpec();
    switch (workload) {
      case "basic" -> { }
      case "affinity" -> b.editSpec().withNewAffinity().withNewNodeAffinity()
          .withNewRequiredDuringSchedulingIgnoredDuringExecution().addNewNodeSelectorTerm().addNewMatchExpression()
          .withKey("bench/group").withOperator("In").withValues("even").endMatchExpression().endNodeSelectorTerm()
          .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().endSpec();
      case "spread" -> b.editSpec().addNewTopologySpreadConstraint().withMaxSkew(1)
          .withTopologyKey("topology.kubernetes.io/zone").withWhenUnsatisfiable("DoNotSchedule")
          .withNewLabelSelector().withMatchLabels(Map.of("color", "blue")).endLabelSelector()
          .endTopologySpreadConstraint().endSpec();
      case "antiaffinity" -> b.editSpec().withNewAffinity().withNewPodAntiAffinity()
          .addNewRequiredDuringSchedulingIgnoredDuringExecution().withTopologyKey("kubernetes.io/hostname")
          .withNewLabelSelector().withMatchLabels(Map.of("color", "blue")).endLabelSelector()
          .endRequiredDuringSchedulingIgnoredDuringExecution().endPodAntiAffinity().endAffinity().endSpec();
      case "preemption" -> b.editSpec().withPriority(measured ? 1000 : 0).endSpec();
      default -> throw new IllegalArgumentException("unknown workload '" + workload + "'; available: "
          + String.join(", ", NAMES));
    }
    return b.build();
  }
}
