package io.capstan.plugins.controllers.statefulset;

import io.capstan.spi.api.DeepCopy;
import io.capstan.spi.api.OwnerReferences;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Identity and health of a StatefulSet's pods. */
final class StatefulSetPods {

  static final String POD_NAME = "statefulset.kubernetes.io/pod-name";
  static final String POD_INDEX = "apps.kubernetes.io/pod-index";

  private StatefulSetPods() {}

  /** The ordinal of a pod named {@code <set>-<i>}, or empty when the name is not of that form. */
  static Optional<Integer> ordinal(StatefulSet set, Pod pod) {
    String prefix = set.getMetadata().getName() + "-";
    String name = pod.getMetadata().getName();
    if (!name.startsWith(prefix)) {
      return Optional.empty();
    }
    try {
      int i = Integer.parseInt(name.substring(prefix.length()));
      return i >= 0 && name.equals(prefix + i) ? Optional.of(i) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  static String revision(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return labels == null ? "" : labels.getOrDefault(StatefulSetRevisions.HASH_LABEL, "");
  }

  static boolean terminating(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() != null;
  }

  static boolean runningAndReady(Pod pod) {
    return "Running".equals(phase(pod)) && readySince(pod).isPresent();
  }

  static boolean finished(Pod pod) {
    return "Failed".equals(phase(pod)) || "Succeeded".equals(phase(pod));
  }

  /** Running, ready, and ready for at least {@code minReadySeconds}. */
  static boolean available(Pod pod, int minReadySeconds, Instant now) {
    if (!runningAndReady(pod)) {
      return false;
    }
    return minReadySeconds == 0 || !readySince(pod).get().plusSeconds(minReadySeconds).isAfter(now);
  }

  static Optional<Instant> readySince(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst().map(c -> c.getLastTransitionTime() == null ? Instant.EPOCH : Instant.parse(c.getLastTransitionTime()));
  }

  private static String phase(Pod pod) {
    return pod.getStatus() == null ? null : pod.getStatus().getPhase();
  }

  /** Pod {@code <set>-<ordinal>} from {@code template}, stamped with the revision name. */
  static Pod newPod(StatefulSet set, PodTemplateSpec template, String revision, int ordinal) {
    PodTemplateSpec t = DeepCopy.of(template);
    String name = set.getMetadata().getName() + "-" + ordinal;
    ObjectMeta meta = t.getMetadata() == null ? new ObjectMeta() : t.getMetadata();
    Map<String, String> labels = new HashMap<>(meta.getLabels() == null ? Map.of() : meta.getLabels());
    labels.put(StatefulSetRevisions.HASH_LABEL, revision);
    labels.put(POD_NAME, name);
    labels.put(POD_INDEX, Integer.toString(ordinal));
    meta.setLabels(labels);
    meta.setName(name);
    meta.setGenerateName(null);
    meta.setNamespace(set.getMetadata().getNamespace());
    meta.setOwnerReferences(List.of(OwnerReferences.newControllerRef(set, "apps/v1", "StatefulSet")));
    Pod pod = new Pod();
    pod.setApiVersion("v1");
    pod.setKind("Pod");
    pod.setMetadata(meta);
    pod.setSpec(t.getSpec());
    pod.getSpec().setHostname(name);
    if (set.getSpec().getServiceName() != null && !set.getSpec().getServiceName().isEmpty()) {
      pod.getSpec().setSubdomain(set.getSpec().getServiceName());
    }
    return pod;
  }
}
