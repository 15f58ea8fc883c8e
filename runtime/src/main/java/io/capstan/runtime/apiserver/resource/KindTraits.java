package io.capstan.runtime.apiserver.resource;

import io.capstan.spi.api.ResourceKind;
import java.util.Set;

/** Facts about a kind the request path needs: does it have a status subresource, a scale one. */
final class KindTraits {

  private static final Set<String> WITH_STATUS = Set.of(
      "/Pod", "/Node", "/Namespace", "/Service", "/ReplicationController", "/PersistentVolumeClaim",
      "/PersistentVolume", "/ResourceQuota", "apps/Deployment", "apps/ReplicaSet", "apps/StatefulSet",
      "apps/DaemonSet", "batch/Job", "batch/CronJob", "networking.k8s.io/Ingress", "policy/PodDisruptionBudget",
      "autoscaling/HorizontalPodAutoscaler", "apiextensions.k8s.io/CustomResourceDefinition");

  private static final Set<String> WITH_SCALE = Set.of(
      "/ReplicationController", "apps/Deployment", "apps/ReplicaSet", "apps/StatefulSet");

  private KindTraits() {}

  static boolean hasStatus(ResourceKind kind) {
    return WITH_STATUS.contains(kind.group() + "/" + kind.kind());
  }

  static boolean hasScale(ResourceKind kind) {
    return WITH_SCALE.contains(kind.group() + "/" + kind.kind());
  }

  static boolean isCustom(ResourceKind kind) {
    return kind.javaType() == io.fabric8.kubernetes.api.model.GenericKubernetesResource.class;
  }
}
