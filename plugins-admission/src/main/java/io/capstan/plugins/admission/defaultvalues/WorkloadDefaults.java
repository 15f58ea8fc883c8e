package io.capstan.plugins.admission.defaultvalues;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateStatefulSetStrategy;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;
import java.util.LinkedHashMap;

/**
 * Workload defaults: Kubernetes 1.32's {@code SetDefaults_Deployment}, {@code SetDefaults_ReplicaSet},
 * {@code SetDefaults_StatefulSet}, {@code SetDefaults_DaemonSet} (pkg/apis/apps/v1/defaults.go)
 * and {@code SetDefaults_ReplicationController} (pkg/apis/core/v1/defaults.go), plus the pod
 * template defaults of each.
 */
final class WorkloadDefaults {

  private WorkloadDefaults() {}

  static void deployment(Deployment d) {
    if (d.getSpec() == null) {
      return;
    }
    var spec = d.getSpec();
    if (spec.getReplicas() == null) {
      spec.setReplicas(1);
    }
    DeploymentStrategy strategy = spec.getStrategy() == null ? new DeploymentStrategy() : spec.getStrategy();
    spec.setStrategy(strategy);
    if (PodDefaults.empty(strategy.getType())) {
      strategy.setType("RollingUpdate");
    }
    if (strategy.getType().equals("RollingUpdate")) {
      RollingUpdateDeployment rolling = strategy.getRollingUpdate() == null
          ? new RollingUpdateDeployment() : strategy.getRollingUpdate();
      strategy.setRollingUpdate(rolling);
      if (rolling.getMaxUnavailable() == null) {
        rolling.setMaxUnavailable(new IntOrString("25%"));
      }
      if (rolling.getMaxSurge() == null) {
        rolling.setMaxSurge(new IntOrString("25%"));
      }
    }
    if (spec.getRevisionHistoryLimit() == null) {
      spec.setRevisionHistoryLimit(10);
    }
    if (spec.getProgressDeadlineSeconds() == null) {
      spec.setProgressDeadlineSeconds(600);
    }
    PodDefaults.template(spec.getTemplate());
  }

  static void replicaSet(ReplicaSet rs) {
    if (rs.getSpec() == null) {
      return;
    }
    if (rs.getSpec().getReplicas() == null) {
      rs.getSpec().setReplicas(1);
    }
    PodDefaults.template(rs.getSpec().getTemplate());
  }

  static void statefulSet(StatefulSet sts) {
    StatefulSetSpec spec = sts.getSpec();
    if (spec == null) {
      return;
    }
    if (PodDefaults.empty(spec.getPodManagementPolicy())) {
      spec.setPodManagementPolicy("OrderedReady");
    }
    StatefulSetUpdateStrategy strategy = spec.getUpdateStrategy() == null ? new StatefulSetUpdateStrategy() : spec.getUpdateStrategy();
    spec.setUpdateStrategy(strategy);
    if (PodDefaults.empty(strategy.getType())) {
      strategy.setType("RollingUpdate");
      if (strategy.getRollingUpdate() == null) {
        strategy.setRollingUpdate(new RollingUpdateStatefulSetStrategy());
      }
    }
    // an explicit RollingUpdate without rollingUpdate stays without it, as in Kubernetes
    if (strategy.getType().equals("RollingUpdate") && strategy.getRollingUpdate() != null
        && strategy.getRollingUpdate().getPartition() == null) {
      strategy.getRollingUpdate().setPartition(0);
    }
    StatefulSetPersistentVolumeClaimRetentionPolicy retention = spec.getPersistentVolumeClaimRetentionPolicy() == null
        ? new StatefulSetPersistentVolumeClaimRetentionPolicy() : spec.getPersistentVolumeClaimRetentionPolicy();
    spec.setPersistentVolumeClaimRetentionPolicy(retention);
    if (PodDefaults.empty(retention.getWhenDeleted())) {
      retention.setWhenDeleted("Retain");
    }
    if (PodDefaults.empty(retention.getWhenScaled())) {
      retention.setWhenScaled("Retain");
    }
    if (spec.getReplicas() == null) {
      spec.setReplicas(1);
    }
    if (spec.getRevisionHistoryLimit() == null) {
      spec.setRevisionHistoryLimit(10);
    }
    PodDefaults.template(spec.getTemplate());
    PodDefaults.each(spec.getVolumeClaimTemplates(), pvc -> CoreDefaults.claimSpec(pvc.getSpec()));
  }

  static void daemonSet(DaemonSet ds) {
    if (ds.getSpec() == null) {
      return;
    }
    var spec = ds.getSpec();
    DaemonSetUpdateStrategy strategy = spec.getUpdateStrategy() == null ? new DaemonSetUpdateStrategy() : spec.getUpdateStrategy();
    spec.setUpdateStrategy(strategy);
    if (PodDefaults.empty(strategy.getType())) {
      strategy.setType("RollingUpdate");
    }
    if (strategy.getType().equals("RollingUpdate")) {
      RollingUpdateDaemonSet rolling = strategy.getRollingUpdate() == null ? new RollingUpdateDaemonSet() : strategy.getRollingUpdate();
      strategy.setRollingUpdate(rolling);
      if (rolling.getMaxUnavailable() == null) {
        rolling.setMaxUnavailable(new IntOrString(1));
      }
      if (rolling.getMaxSurge() == null) {
        rolling.setMaxSurge(new IntOrString(0));
      }
    }
    if (spec.getRevisionHistoryLimit() == null) {
      spec.setRevisionHistoryLimit(10);
    }
    PodDefaults.template(spec.getTemplate());
  }

  /** An RC without a selector selects its template's labels, and takes them as its own when it has none. */
  static void replicationController(ReplicationController rc) {
    if (rc.getSpec() == null) {
      return;
    }
    var spec = rc.getSpec();
    var template = spec.getTemplate();
    var labels = template == null || template.getMetadata() == null ? null : template.getMetadata().getLabels();
    if (labels != null && !labels.isEmpty()) {
      if (spec.getSelector() == null || spec.getSelector().isEmpty()) {
        spec.setSelector(new LinkedHashMap<>(labels));
      }
      ObjectMeta meta = rc.getMetadata() == null ? new ObjectMeta() : rc.getMetadata();
      rc.setMetadata(meta);
      if (meta.getLabels() == null || meta.getLabels().isEmpty()) {
        meta.setLabels(new LinkedHashMap<>(labels));
      }
    }
    if (spec.getReplicas() == null) {
      spec.setReplicas(1);
    }
    PodDefaults.template(template);
  }
}
