package io.capstan.runtime.apiserver.protobuf;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Admissionregistration;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authentication;
import io.kubernetes.client.proto.V1Authorization;
import io.kubernetes.client.proto.V1Autoscaling;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Coordination;
import io.kubernetes.client.proto.V1Discovery;
import io.kubernetes.client.proto.V1Events;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Policy;
import io.kubernetes.client.proto.V1Rbac;
import io.kubernetes.client.proto.V1Scheduling;
import io.kubernetes.client.proto.V2Autoscaling;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which Kubernetes protobuf message holds each {@code (apiVersion, kind)} the codec serves: the
 * built-in kinds Capstan serves, each with its {@code <Kind>List}, plus the kinds typed clients
 * send to subresources and review endpoints ({@code Eviction}, {@code Scale}, {@code Binding},
 * {@code TokenRequest}, the access reviews), {@code Status}, and {@code DeleteOptions} under any
 * apiVersion. As in Kubernetes, the kind is the message name.
 *
 * <p>The messages come from the descriptors of the generated classes in
 * {@code io.kubernetes:client-java-proto}. Not here on purpose: {@code apiextensions.k8s.io} (a
 * CRD schema's JSON has shapes of its own, {@code $ref}, {@code JSONSchemaPropsOrBool}, ..., and
 * kubectl sends CRDs as JSON anyway) and custom resources (Kubernetes serves them as JSON only).
 * Immutable; thread-safe.
 */
final class ProtobufKinds {

  /** One supported kind and its message type. */
  record Entry(String apiVersion, String kind, Descriptor type) {
    Entry {
      requireNonNull(apiVersion, "apiVersion");
      requireNonNull(kind, "kind");
      requireNonNull(type, "type");
    }
  }

  private static final Descriptor DELETE_OPTIONS = Meta.getDescriptor().findMessageTypeByName("DeleteOptions");
  private static final Map<String, Entry> BY_KEY = build();

  private ProtobufKinds() {}

  private static Map<String, Entry> build() {
    Map<String, Entry> t = new LinkedHashMap<>();
    add(t, "v1", V1.getDescriptor(), "Namespace", "Pod", "PodTemplate", "Node", "Service", "Endpoints",
        "ReplicationController", "Event", "ServiceAccount", "ConfigMap", "Secret", "ResourceQuota", "LimitRange",
        "PersistentVolumeClaim", "PersistentVolume", "Binding");
    add(t, "v1", Meta.getDescriptor(), "Status");
    add(t, "apps/v1", V1Apps.getDescriptor(), "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet",
        "ControllerRevision");
    add(t, "batch/v1", V1Batch.getDescriptor(), "Job", "CronJob");
    add(t, "autoscaling/v1", V1Autoscaling.getDescriptor(), "Scale", "HorizontalPodAutoscaler");
    add(t, "autoscaling/v2", V2Autoscaling.getDescriptor(), "HorizontalPodAutoscaler");
    add(t, "networking.k8s.io/v1", V1Networking.getDescriptor(), "Ingress", "IngressClass", "NetworkPolicy");
    add(t, "discovery.k8s.io/v1", V1Discovery.getDescriptor(), "EndpointSlice");
    add(t, "coordination.k8s.io/v1", V1Coordination.getDescriptor(), "Lease");
    add(t, "events.k8s.io/v1", V1Events.getDescriptor(), "Event");
    add(t, "rbac.authorization.k8s.io/v1", V1Rbac.getDescriptor(), "Role", "ClusterRole", "RoleBinding",
        "ClusterRoleBinding");
    add(t, "policy/v1", V1Policy.getDescriptor(), "PodDisruptionBudget", "Eviction");
    add(t, "scheduling.k8s.io/v1", V1Scheduling.getDescriptor(), "PriorityClass");
    add(t, "admissionregistration.k8s.io/v1", V1Admissionregistration.getDescriptor(), "ValidatingWebhookConfiguration",
        "MutatingWebhookConfiguration");
    add(t, "authentication.k8s.io/v1", V1Authentication.getDescriptor(), "SelfSubjectReview", "TokenRequest",
        "TokenReview");
    add(t, "authorization.k8s.io/v1", V1Authorization.getDescriptor(), "SelfSubjectAccessReview",
        "SelfSubjectRulesReview", "SubjectAccessReview", "LocalSubjectAccessReview");
    return Map.copyOf(t);
  }

  /** Registers each kind of {@code file}, and its {@code <Kind>List} when the file has one. */
  private static void add(Map<String, Entry> table, String apiVersion, FileDescriptor file, String... kinds) {
    for (String kind : kinds) {
      Descriptor type = file.findMessageTypeByName(kind);
      if (type == null) {
        throw new IllegalStateException("client-java-proto has no message " + kind + " in " + file.getName());
      }
      put(table, new Entry(apiVersion, kind, type));
      Descriptor list = file.findMessageTypeByName(kind + "List");
      if (list != null) {
        put(table, new Entry(apiVersion, list.getName(), list));
      }
    }
  }

  private static void put(Map<String, Entry> table, Entry e) {
    if (table.putIfAbsent(key(e.apiVersion(), e.kind()), e) != null) {
      throw new IllegalStateException("protobuf kind registered twice: " + e.apiVersion() + " " + e.kind());
    }
  }

  private static String key(String apiVersion, String kind) {
    return apiVersion + "/" + kind;
  }

  /**
   * The message for {@code apiVersion} and {@code kind}. {@code DeleteOptions} matches under any
   * apiVersion: Kubernetes registers it in every group version and typed clients label it with theirs.
   */
  static Optional<Entry> lookup(String apiVersion, String kind) {
    requireNonNull(apiVersion, "apiVersion");
    requireNonNull(kind, "kind");
    if (kind.equals(DELETE_OPTIONS.getName()) && !apiVersion.isEmpty()) {
      return Optional.of(new Entry(apiVersion, kind, DELETE_OPTIONS));
    }
    return Optional.ofNullable(BY_KEY.get(key(apiVersion, kind)));
  }

  /** Every registered kind (without the any-version {@code DeleteOptions}), in no particular order. */
  static List<Entry> all() {
    return List.copyOf(BY_KEY.values());
  }
}
