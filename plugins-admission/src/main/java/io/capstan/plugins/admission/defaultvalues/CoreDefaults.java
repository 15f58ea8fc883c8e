package io.capstan.plugins.admission.defaultvalues;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The remaining defaults: {@code SetDefaults_Secret}, {@code SetDefaults_Namespace},
 * {@code SetDefaults_PersistentVolume}, {@code SetDefaults_PersistentVolumeClaimSpec},
 * {@code SetDefaults_LimitRangeItem} (pkg/apis/core/v1/defaults.go), the RBAC binding and subject
 * defaults (pkg/apis/rbac/v1/defaults.go) and {@code SetDefaults_PriorityClass}
 * (pkg/apis/scheduling/v1/defaults.go). Status fields (a Namespace's phase) are the registry's.
 */
final class CoreDefaults {

  static final String RBAC_GROUP = "rbac.authorization.k8s.io";

  private CoreDefaults() {}

  static void apply(HasMetadata obj) {
    if (obj instanceof Secret secret) {
      if (PodDefaults.empty(secret.getType())) {
        secret.setType("Opaque");
      }
    } else if (obj instanceof Namespace ns) {
      namespace(ns);
    } else if (obj instanceof PersistentVolume pv && pv.getSpec() != null) {
      if (PodDefaults.empty(pv.getSpec().getPersistentVolumeReclaimPolicy())) {
        pv.getSpec().setPersistentVolumeReclaimPolicy("Retain");
      }
      if (PodDefaults.empty(pv.getSpec().getVolumeMode())) {
        pv.getSpec().setVolumeMode("Filesystem");
      }
    } else if (obj instanceof PersistentVolumeClaim pvc) {
      claimSpec(pvc.getSpec());
    } else if (obj instanceof LimitRange lr && lr.getSpec() != null) {
      PodDefaults.each(lr.getSpec().getLimits(), CoreDefaults::limitRangeItem);
    } else if (obj instanceof RoleBinding rb) {
      binding(rb.getRoleRef(), rb.getSubjects());
    } else if (obj instanceof ClusterRoleBinding crb) {
      binding(crb.getRoleRef(), crb.getSubjects());
    } else if (obj instanceof PriorityClass pc && PodDefaults.empty(pc.getPreemptionPolicy())) {
      pc.setPreemptionPolicy("PreemptLowerPriority");
    }
  }

  /**
   * Kubernetes always sets {@code kubernetes.io/metadata.name} to the namespace's name, replacing
   * any other value, so that namespace selectors can match on names.
   */
  private static void namespace(Namespace ns) {
    ObjectMeta meta = ns.getMetadata() == null ? new ObjectMeta() : ns.getMetadata();
    ns.setMetadata(meta);
    if (PodDefaults.empty(meta.getName())) {
      return;
    }
    Map<String, String> labels = meta.getLabels() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(meta.getLabels());
    labels.put("kubernetes.io/metadata.name", meta.getName());
    meta.setLabels(labels);
  }

  static void claimSpec(PersistentVolumeClaimSpec spec) {
    if (spec != null && PodDefaults.empty(spec.getVolumeMode())) {
      spec.setVolumeMode("Filesystem");
    }
  }

  /** Container limits: default limit from max, default request from the default limit, then from min. */
  private static void limitRangeItem(LimitRangeItem item) {
    if (!"Container".equals(item.getType())) {
      return;
    }
    Map<String, Quantity> defaults = copy(item.getDefault());
    Map<String, Quantity> requests = copy(item.getDefaultRequest());
    copy(item.getMax()).forEach(defaults::putIfAbsent);
    defaults.forEach(requests::putIfAbsent);
    copy(item.getMin()).forEach(requests::putIfAbsent);
    item.setDefault(defaults);
    item.setDefaultRequest(requests);
  }

  private static void binding(RoleRef ref, List<Subject> subjects) {
    if (ref != null && PodDefaults.empty(ref.getApiGroup())) {
      ref.setApiGroup(RBAC_GROUP);
    }
    PodDefaults.each(subjects, s -> {
      if (PodDefaults.empty(s.getApiGroup()) && ("User".equals(s.getKind()) || "Group".equals(s.getKind()))) {
        s.setApiGroup(RBAC_GROUP);
      }
    });
  }

  private static Map<String, Quantity> copy(Map<String, Quantity> map) {
    Map<String, Quantity> out = new LinkedHashMap<>();
    if (map != null) {
      map.forEach((k, v) -> out.put(k, new Quantity(v.getAmount(), v.getFormat())));
    }
    return out;
  }
}
