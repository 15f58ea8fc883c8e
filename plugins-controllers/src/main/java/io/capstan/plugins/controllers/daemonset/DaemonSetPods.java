package io.capstan.plugins.controllers.daemonset;

import io.capstan.spi.api.DeepCopy;
import io.capstan.spi.api.OwnerReferences;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A DaemonSet's pods: how they are made and which node each is for. */
final class DaemonSetPods {

  static final String HASH_LABEL = "controller-revision-hash";
  static final String GENERATION_LABEL = "pod-template-generation";

  private DaemonSetPods() {}

  /**
   * A pod for {@code node}: the template, the revision hash label, Kubernetes' default daemon
   * tolerations, and required node affinity {@code metadata.name In [node]} (not spec.nodeName, so
   * the scheduler still places it, as Kubernetes does).
   */
  static Pod newPod(DaemonSet set, PodTemplateSpec template, String hash, String node) {
    PodTemplateSpec t = DeepCopy.of(template);
    ObjectMeta meta = t.getMetadata() == null ? new ObjectMeta() : t.getMetadata();
    Map<String, String> labels = new HashMap<>(meta.getLabels() == null ? Map.of() : meta.getLabels());
    labels.put(HASH_LABEL, hash);
    if (set.getMetadata().getGeneration() != null) {
      labels.put(GENERATION_LABEL, Long.toString(set.getMetadata().getGeneration()));
    }
    meta.setLabels(labels);
    meta.setName(null);
    meta.setGenerateName(set.getMetadata().getName() + "-");
    meta.setNamespace(set.getMetadata().getNamespace());
    meta.setOwnerReferences(List.of(OwnerReferences.newControllerRef(set, "apps/v1", "DaemonSet")));
    Pod pod = new Pod();
    pod.setApiVersion("v1");
    pod.setKind("Pod");
    pod.setMetadata(meta);
    pod.setSpec(t.getSpec());
    pod.getSpec().setTolerations(DaemonSetNodes.withDefaultTolerations(pod.getSpec()));
    Affinity affinity = pod.getSpec().getAffinity() == null ? new Affinity() : pod.getSpec().getAffinity();
    NodeAffinity nodeAffinity = affinity.getNodeAffinity() == null ? new NodeAffinity() : affinity.getNodeAffinity();
    NodeSelector required = new NodeSelector(List.of(new NodeSelectorTermBuilder().withMatchFields(
        new NodeSelectorRequirementBuilder().withKey("metadata.name").withOperator("In").withValues(node).build()).build()));
    nodeAffinity.setRequiredDuringSchedulingIgnoredDuringExecution(required);
    affinity.setNodeAffinity(nodeAffinity);
    pod.getSpec().setAffinity(affinity);
    return pod;
  }

  /** The node a daemon pod is for: its nodeName, else the node its affinity names. */
  static Optional<String> nodeOf(Pod pod) {
    if (pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty()) {
      return Optional.of(pod.getSpec().getNodeName());
    }
    try {
      return pod.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
          .getNodeSelectorTerms().stream().flatMap(t -> t.getMatchFields().stream())
          .filter(r -> "metadata.name".equals(r.getKey()) && "In".equals(r.getOperator()) && r.getValues().size() == 1)
          .map(r -> r.getValues().get(0)).findFirst();
    } catch (NullPointerException incomplete) {
      return Optional.empty();
    }
  }

  static String hash(Pod pod) {
    return pod.getMetadata().getLabels() == null ? "" : pod.getMetadata().getLabels().getOrDefault(HASH_LABEL, "");
  }

  static boolean terminating(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() != null;
  }

  static boolean failed(Pod pod) {
    return pod.getStatus() != null && "Failed".equals(pod.getStatus().getPhase());
  }

  static boolean ready(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  static boolean available(Pod pod, int minReadySeconds, Instant now) {
    if (!ready(pod) || terminating(pod)) {
      return false;
    }
    if (minReadySeconds == 0) {
      return true;
    }
    return pod.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
        .map(c -> c.getLastTransitionTime() == null ? Instant.EPOCH : Instant.parse(c.getLastTransitionTime()))
        .anyMatch(t -> !t.plusSeconds(minReadySeconds).isAfter(now));
  }
}
