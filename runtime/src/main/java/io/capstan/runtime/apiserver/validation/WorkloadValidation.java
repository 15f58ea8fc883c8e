package io.capstan.runtime.apiserver.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import java.util.List;

/**
 * Deployments, ReplicaSets and DaemonSets: Kubernetes' {@code ValidateDeploymentSpec},
 * {@code ValidateReplicaSetSpec}, {@code ValidateDaemonSetSpec} and their helpers
 * (pkg/apis/apps/validation/validation.go, 1.32). StatefulSets and ReplicationControllers are in
 * {@link StatefulSetValidation}. Defaulted fields (strategy type, maxSurge/maxUnavailable 25%) are
 * read with their defaults when absent. Stateless.
 */
final class WorkloadValidation {

  static final FieldPath SPEC = FieldPath.root("spec");
  private static final IntOrString DEFAULT_PERCENT = new IntOrString("25%");

  private WorkloadValidation() {}

  static void deployment(DeploymentSpec spec, FieldErrors errs) {
    DeploymentSpec s = spec == null ? new DeploymentSpec() : spec;
    errs.nonNegative(SPEC.child("replicas"), s.getReplicas());
    selector(s.getSelector(), "deployment", errs);
    templateForReplicaSet(s.getSelector(), s.getTemplate(), "ReplicaSet", errs);
    strategy(s.getStrategy(), SPEC.child("strategy"), errs);
    errs.nonNegative(SPEC.child("minReadySeconds"), s.getMinReadySeconds());
    errs.nonNegative(SPEC.child("revisionHistoryLimit"), s.getRevisionHistoryLimit());
    if (s.getProgressDeadlineSeconds() != null) {
      errs.nonNegative(SPEC.child("progressDeadlineSeconds"), s.getProgressDeadlineSeconds());
      int minReady = s.getMinReadySeconds() == null ? 0 : s.getMinReadySeconds();
      if (s.getProgressDeadlineSeconds() <= minReady) {
        errs.invalid(SPEC.child("progressDeadlineSeconds"), s.getProgressDeadlineSeconds(),
            "must be greater than minReadySeconds");
      }
    }
  }

  static void replicaSet(ReplicaSetSpec spec, FieldErrors errs) {
    ReplicaSetSpec s = spec == null ? new ReplicaSetSpec() : spec;
    errs.nonNegative(SPEC.child("replicas"), s.getReplicas());
    errs.nonNegative(SPEC.child("minReadySeconds"), s.getMinReadySeconds());
    // Kubernetes' ReplicaSet check says "deployment" too
    selector(s.getSelector(), "deployment", errs);
    templateForReplicaSet(s.getSelector(), s.getTemplate(), "ReplicaSet", errs);
  }

  static void daemonSet(DaemonSetSpec spec, FieldErrors errs) {
    DaemonSetSpec s = spec == null ? new DaemonSetSpec() : spec;
    selector(s.getSelector(), "daemonset", errs);
    if (s.getSelector() != null) {
      SelectorValidation.matchesTemplate(s.getSelector(), labels(s.getTemplate()), SPEC.child("template", "metadata", "labels"),
          errs);
    }
    PodSpecValidation.template(s.getTemplate(), SPEC.child("template"), errs);
    PodSpec pod = podSpec(s.getTemplate());
    restartAlways(pod, SPEC.child("template", "spec", "restartPolicy"), errs);
    if (pod.getActiveDeadlineSeconds() != null) {
      errs.invalid(SPEC.child("template", "spec", "activeDeadlineSeconds"), pod.getActiveDeadlineSeconds(),
          "activeDeadlineSeconds must be nil for DaemonSets");
    }
    errs.nonNegative(SPEC.child("minReadySeconds"), s.getMinReadySeconds());
    daemonSetStrategy(s.getUpdateStrategy(), SPEC.child("updateStrategy"), errs);
    errs.nonNegative(SPEC.child("revisionHistoryLimit"), s.getRevisionHistoryLimit());
  }

  /** Required, valid, and not empty ({@code empty selector is invalid for <kind>}). */
  static void selector(LabelSelector selector, String kindWord, FieldErrors errs) {
    FieldPath path = SPEC.child("selector");
    if (selector == null) {
      errs.required(path, "");
      return;
    }
    SelectorValidation.validate(selector, path, errs);
    if (SelectorValidation.isEmpty(selector)) {
      errs.invalid(path, selector, "empty selector is invalid for " + kindWord);
    }
  }

  /** {@code ValidatePodTemplateSpecForReplicaSet}: labels match, a valid template, restartPolicy Always. */
  static void templateForReplicaSet(LabelSelector selector, PodTemplateSpec template, String kindName,
      FieldErrors errs) {
    FieldPath path = SPEC.child("template");
    if (template == null) {
      errs.required(path, "");
      return;
    }
    if (SelectorValidation.asSelector(selector).isEmpty()) {
      errs.invalid(SPEC.child("selector"), selector, "invalid label selector");
      return;
    }
    SelectorValidation.matchesTemplate(selector, labels(template), path.child("metadata", "labels"), errs);
    PodSpecValidation.template(template, path, errs);
    PodSpec pod = podSpec(template);
    restartAlways(pod, path.child("spec", "restartPolicy"), errs);
    if (pod.getActiveDeadlineSeconds() != null) {
      errs.forbidden(path.child("spec", "activeDeadlineSeconds"), "activeDeadlineSeconds in " + kindName + " is not Supported");
    }
  }

  /** Controllers restart their pods' containers: restartPolicy must be Always (or unset, its default). */
  static void restartAlways(PodSpec pod, FieldPath path, FieldErrors errs) {
    String policy = MetaValidation.text(pod.getRestartPolicy());
    if (!policy.isEmpty() && !policy.equals("Always")) {
      errs.notSupported(path, policy, List.of("Always"));
    }
  }

  /** {@code ValidateDeploymentStrategy} and {@code ValidateRollingUpdateDeployment}. */
  static void strategy(DeploymentStrategy strategy, FieldPath path, FieldErrors errs) {
    String type = strategy == null ? "" : MetaValidation.text(strategy.getType());
    RollingUpdateDeployment rolling = strategy == null ? null : strategy.getRollingUpdate();
    switch (type) {
      case "Recreate" -> {
        if (rolling != null) {
          errs.forbidden(path.child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'");
        }
      }
      case "RollingUpdate", "" -> {
        IntOrString maxUnavailable = rolling == null || rolling.getMaxUnavailable() == null
            ? DEFAULT_PERCENT : rolling.getMaxUnavailable();
        IntOrString maxSurge = rolling == null || rolling.getMaxSurge() == null ? DEFAULT_PERCENT : rolling.getMaxSurge();
        FieldPath r = path.child("rollingUpdate");
        IntOrPercent.positive(maxUnavailable, r.child("maxUnavailable"), errs);
        IntOrPercent.positive(maxSurge, r.child("maxSurge"), errs);
        if (IntOrPercent.value(maxUnavailable) == 0 && IntOrPercent.value(maxSurge) == 0) {
          errs.invalid(r.child("maxUnavailable"), maxUnavailable, "may not be 0 when `maxSurge` is 0");
        }
        IntOrPercent.notMoreThan100Percent(maxUnavailable, r.child("maxUnavailable"), errs);
      }
      default -> errs.notSupported(path.child("type"), type, List.of("Recreate", "RollingUpdate"));
    }
  }

  /** {@code ValidateDaemonSetUpdateStrategy} and {@code ValidateRollingUpdateDaemonSet}. */
  static void daemonSetStrategy(DaemonSetUpdateStrategy strategy, FieldPath path, FieldErrors errs) {
    String type = strategy == null ? "" : MetaValidation.text(strategy.getType());
    switch (type) {
      case "OnDelete" -> { }
      case "RollingUpdate", "" -> {
        RollingUpdateDaemonSet rolling = strategy == null ? null : strategy.getRollingUpdate();
        IntOrString maxUnavailable = rolling == null || rolling.getMaxUnavailable() == null
            ? new IntOrString(1) : rolling.getMaxUnavailable();
        IntOrString maxSurge = rolling == null || rolling.getMaxSurge() == null ? new IntOrString(0) : rolling.getMaxSurge();
        FieldPath r = path.child("rollingUpdate");
        IntOrPercent.positive(maxUnavailable, r.child("maxUnavailable"), errs);
        IntOrPercent.positive(maxSurge, r.child("maxSurge"), errs);
        IntOrPercent.notMoreThan100Percent(maxUnavailable, r.child("maxUnavailable"), errs);
        IntOrPercent.notMoreThan100Percent(maxSurge, r.child("maxSurge"), errs);
        boolean hasUnavailable = IntOrPercent.value(maxUnavailable) != 0;
        boolean hasSurge = IntOrPercent.value(maxSurge) != 0;
        if (hasUnavailable && hasSurge) {
          errs.invalid(r.child("maxSurge"), maxSurge, "may not be set when maxUnavailable is non-zero");
        } else if (!hasUnavailable && !hasSurge) {
          errs.required(r.child("maxUnavailable"), "cannot be 0 when maxSurge is 0");
        }
      }
      default -> errs.notSupported(path, strategy, List.of("RollingUpdate", "OnDelete"));
    }
  }

  static java.util.Map<String, String> labels(PodTemplateSpec template) {
    return template == null || template.getMetadata() == null ? null : template.getMetadata().getLabels();
  }

  static PodSpec podSpec(PodTemplateSpec template) {
    return template == null || template.getSpec() == null ? new PodSpec() : template.getSpec();
  }
}
