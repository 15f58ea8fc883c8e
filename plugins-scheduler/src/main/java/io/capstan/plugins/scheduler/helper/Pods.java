package io.capstan.plugins.scheduler.helper;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Null-safe accessors for the parts of pods and nodes the plugins read. */
public final class Pods {

  private Pods() {}

  /** {@code spec.priority}, 0 when unset (Kubernetes' {@code PodPriority}). */
  public static int priority(Pod pod) {
    Integer p = pod.getSpec() == null ? null : pod.getSpec().getPriority();
    return p == null ? 0 : p;
  }

  public static Map<String, String> labels(Pod pod) {
    Map<String, String> l = pod.getMetadata() == null ? null : pod.getMetadata().getLabels();
    return l == null ? Map.of() : l;
  }

  public static String namespace(Pod pod) {
    String ns = pod.getMetadata() == null ? null : pod.getMetadata().getNamespace();
    return ns == null || ns.isEmpty() ? "default" : ns;
  }

  public static String name(Pod pod) {
    return pod.getMetadata() == null ? "" : String.valueOf(pod.getMetadata().getName());
  }

  public static List<Toleration> tolerations(Pod pod) {
    List<Toleration> t = pod.getSpec() == null ? null : pod.getSpec().getTolerations();
    return t == null ? List.of() : t;
  }

  public static boolean terminating(Pod pod) {
    return pod.getMetadata() != null && pod.getMetadata().getDeletionTimestamp() != null;
  }

  /** {@code status.startTime}, empty when the pod has not started. */
  public static Optional<Instant> startTime(Pod pod) {
    String s = pod.getStatus() == null ? null : pod.getStatus().getStartTime();
    if (s == null || s.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Instant.parse(s));
  }

  public static Map<String, String> labels(Node node) {
    Map<String, String> l = node.getMetadata() == null ? null : node.getMetadata().getLabels();
    return l == null ? Map.of() : l;
  }

  public static List<Taint> taints(Node node) {
    List<Taint> t = node.getSpec() == null ? null : node.getSpec().getTaints();
    return t == null ? List.of() : t;
  }
}
