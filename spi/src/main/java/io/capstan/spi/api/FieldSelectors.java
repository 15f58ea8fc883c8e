package io.capstan.spi.api;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which fields each kind lets a field selector use, and the values of those fields for an object,
 * following the field label conversion functions Kubernetes registers per kind. Every kind supports
 * {@code metadata.name} and {@code metadata.namespace}; pods add the scheduling and status fields
 * the scheduler, kubelet and controllers select on. Stateless and thread-safe.
 */
public final class FieldSelectors {

  /** The fields every kind supports. */
  public static final Set<String> METADATA_FIELDS = Set.of("metadata.name", "metadata.namespace");

  /** The fields Kubernetes supports for core/v1 pods. */
  public static final Set<String> POD_FIELDS = Set.of(
      "metadata.name", "metadata.namespace", "spec.nodeName", "spec.restartPolicy", "spec.schedulerName",
      "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.podIPs",
      "status.nominatedNodeName");

  private FieldSelectors() {}

  /** The selectable fields of a kind: {@link #POD_FIELDS} for core pods, {@link #METADATA_FIELDS} otherwise. */
  public static Set<String> supportedFields(String group, String kind) {
    requireNonNull(group, "group");
    requireNonNull(kind, "kind");
    return group.isEmpty() && kind.equals("Pod") ? POD_FIELDS : METADATA_FIELDS;
  }

  /** {@code metadata.name} and {@code metadata.namespace} of any object (empty strings when unset). */
  public static Map<String, String> metadataFields(HasMetadata object) {
    requireNonNull(object, "object");
    Map<String, String> fields = new HashMap<>();
    fields.put("metadata.name", object.getMetadata() == null ? "" : Objects.toString(object.getMetadata().getName(), ""));
    fields.put("metadata.namespace",
        object.getMetadata() == null ? "" : Objects.toString(object.getMetadata().getNamespace(), ""));
    return fields;
  }

  /**
   * The selectable fields of a pod. As in Kubernetes, {@code spec.hostNetwork} is {@code "true"} or
   * {@code "false"} and {@code status.podIPs} is the comma-joined list (usually selected with the
   * first address only).
   */
  public static Map<String, String> podFields(Pod pod) {
    Map<String, String> fields = metadataFields(pod);
    PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
    PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
    fields.put("spec.nodeName", Objects.toString(spec.getNodeName(), ""));
    fields.put("spec.restartPolicy", Objects.toString(spec.getRestartPolicy(), ""));
    fields.put("spec.schedulerName", Objects.toString(spec.getSchedulerName(), ""));
    fields.put("spec.serviceAccountName", Objects.toString(spec.getServiceAccountName(), ""));
    fields.put("spec.hostNetwork", Boolean.toString(Boolean.TRUE.equals(spec.getHostNetwork())));
    fields.put("status.phase", Objects.toString(status.getPhase(), ""));
    fields.put("status.podIP", Objects.toString(status.getPodIP(), ""));
    fields.put("status.podIPs", status.getPodIPs() == null ? ""
        : status.getPodIPs().stream().map(PodIP::getIp).filter(Objects::nonNull).collect(Collectors.joining(",")));
    fields.put("status.nominatedNodeName", Objects.toString(status.getNominatedNodeName(), ""));
    return fields;
  }

  /** The selectable field values of any object: {@link #podFields} for pods, metadata otherwise. */
  public static Map<String, String> fieldsOf(HasMetadata object) {
    return object instanceof Pod pod ? podFields(pod) : metadataFields(object);
  }
}
