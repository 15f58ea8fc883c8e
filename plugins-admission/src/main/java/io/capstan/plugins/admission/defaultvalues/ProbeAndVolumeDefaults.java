package io.capstan.plugins.admission.defaultvalues;

import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;

/**
 * Probe, lifecycle-hook and volume defaults: Kubernetes' {@code SetDefaults_Probe},
 * {@code SetDefaults_HTTPGetAction}, {@code SetDefaults_SecretVolumeSource},
 * {@code SetDefaults_ConfigMapVolumeSource}, {@code SetDefaults_DownwardAPIVolumeSource},
 * {@code SetDefaults_ProjectedVolumeSource} and {@code SetDefaults_ServiceAccountTokenProjection}
 * (pkg/apis/core/v1/defaults.go).
 */
final class ProbeAndVolumeDefaults {

  /** 0644, the mode of files in secret, configMap, downwardAPI and projected volumes. */
  static final int DEFAULT_MODE = 0644;

  private ProbeAndVolumeDefaults() {}

  static void probe(Probe p) {
    if (p == null) {
      return;
    }
    if (unset(p.getTimeoutSeconds())) {
      p.setTimeoutSeconds(1);
    }
    if (unset(p.getPeriodSeconds())) {
      p.setPeriodSeconds(10);
    }
    if (unset(p.getSuccessThreshold())) {
      p.setSuccessThreshold(1);
    }
    if (unset(p.getFailureThreshold())) {
      p.setFailureThreshold(3);
    }
    httpGet(p.getHttpGet());
  }

  static void lifecycle(Lifecycle l) {
    if (l != null) {
      handler(l.getPostStart());
      handler(l.getPreStop());
    }
  }

  private static void handler(LifecycleHandler h) {
    if (h != null) {
      httpGet(h.getHttpGet());
    }
  }

  private static void httpGet(HTTPGetAction a) {
    if (a == null) {
      return;
    }
    if (PodDefaults.empty(a.getPath())) {
      a.setPath("/");
    }
    if (PodDefaults.empty(a.getScheme())) {
      a.setScheme("HTTP");
    }
  }

  static void volume(Volume v) {
    if (v.getSecret() != null && v.getSecret().getDefaultMode() == null) {
      v.getSecret().setDefaultMode(DEFAULT_MODE);
    }
    if (v.getConfigMap() != null && v.getConfigMap().getDefaultMode() == null) {
      v.getConfigMap().setDefaultMode(DEFAULT_MODE);
    }
    if (v.getDownwardAPI() != null && v.getDownwardAPI().getDefaultMode() == null) {
      v.getDownwardAPI().setDefaultMode(DEFAULT_MODE);
    }
    if (v.getProjected() != null) {
      if (v.getProjected().getDefaultMode() == null) {
        v.getProjected().setDefaultMode(DEFAULT_MODE);
      }
      PodDefaults.each(v.getProjected().getSources(), ProbeAndVolumeDefaults::projection);
    }
  }

  /** A service account token expires after an hour unless told otherwise. */
  private static void projection(VolumeProjection p) {
    if (p.getServiceAccountToken() != null && p.getServiceAccountToken().getExpirationSeconds() == null) {
      p.getServiceAccountToken().setExpirationSeconds(3600L);
    }
  }

  /** Go's zero value counts as unset for these int32 fields. */
  private static boolean unset(Integer value) {
    return value == null || value == 0;
  }
}
