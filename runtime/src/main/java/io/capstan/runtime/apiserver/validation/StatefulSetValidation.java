package io.capstan.runtime.apiserver.validation;

import static io.capstan.runtime.apiserver.validation.WorkloadValidation.SPEC;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationControllerSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * StatefulSets ({@code ValidateStatefulSetSpec} and {@code ValidateStatefulSetUpdate},
 * pkg/apis/apps/validation) and ReplicationControllers ({@code ValidateReplicationControllerSpec},
 * pkg/apis/core/validation), Kubernetes 1.32. Stateless.
 */
final class StatefulSetValidation {

  private static final List<String> RETENTION = List.of("Retain", "Delete");

  private StatefulSetValidation() {}

  static void statefulSet(StatefulSetSpec spec, FieldErrors errs) {
    StatefulSetSpec s = spec == null ? new StatefulSetSpec() : spec;
    String policy = MetaValidation.text(s.getPodManagementPolicy());
    if (!policy.isEmpty() && !policy.equals("OrderedReady") && !policy.equals("Parallel")) {
      errs.invalid(SPEC.child("podManagementPolicy"), policy, "must be 'OrderedReady' or 'Parallel'");
    }
    StatefulSetUpdateStrategy strategy = s.getUpdateStrategy();
    String type = strategy == null ? "" : MetaValidation.text(strategy.getType());
    switch (type) {
      case "" -> { }
      case "OnDelete" -> {
        if (strategy.getRollingUpdate() != null) {
          errs.invalid(SPEC.child("updateStrategy", "rollingUpdate"), strategy.getRollingUpdate(),
              "only allowed for updateStrategy 'RollingUpdate'");
        }
      }
      case "RollingUpdate" -> {
        if (strategy.getRollingUpdate() != null) {
          errs.nonNegative(SPEC.child("updateStrategy", "rollingUpdate", "partition"),
              strategy.getRollingUpdate().getPartition());
          // ValidateRollingUpdateStatefulSet (MaxUnavailableStatefulSet)
          var maxUnavailable = strategy.getRollingUpdate().getMaxUnavailable();
          if (maxUnavailable != null) {
            FieldPath path = SPEC.child("updateStrategy", "rollingUpdate", "maxUnavailable");
            IntOrPercent.positive(maxUnavailable, path, errs);
            if (IntOrPercent.value(maxUnavailable) == 0) {
              errs.invalid(path, maxUnavailable, "cannot be 0");
            }
            IntOrPercent.notMoreThan100Percent(maxUnavailable, path, errs);
          }
        }
      }
      default -> errs.invalid(SPEC.child("updateStrategy"), strategy, "must be 'RollingUpdate' or 'OnDelete'");
    }
    StatefulSetPersistentVolumeClaimRetentionPolicy retention = s.getPersistentVolumeClaimRetentionPolicy();
    if (retention != null) {
      FieldPath path = SPEC.child("persistentVolumeClaimRetentionPolicy");
      PodSpecValidation.enumField(retention.getWhenDeleted(), RETENTION, path.child("whenDeleted"), errs);
      PodSpecValidation.enumField(retention.getWhenScaled(), RETENTION, path.child("whenScaled"), errs);
    }
    errs.nonNegative(SPEC.child("replicas"), s.getReplicas());
    errs.nonNegative(SPEC.child("minReadySeconds"), s.getMinReadySeconds());
    if (s.getOrdinals() != null) {
      errs.nonNegative(SPEC.child("ordinals", "start"), s.getOrdinals().getStart());
    }
    WorkloadValidation.selector(s.getSelector(), "statefulset", errs);
    if (SelectorValidation.asSelector(s.getSelector()).isEmpty()) {
      errs.invalid(SPEC.child("selector"), s.getSelector(), "");
    } else {
      SelectorValidation.matchesTemplate(s.getSelector(), WorkloadValidation.labels(s.getTemplate()),
          SPEC.child("template", "metadata", "labels"), errs);
      // Kubernetes checks only the template's labels and annotations here, with a TODO to check the
      // pod spec against its volumes plus the claim templates; Capstan does that check
      Set<String> claims = new HashSet<>();
      if (s.getVolumeClaimTemplates() != null) {
        s.getVolumeClaimTemplates().forEach(c -> claims.add(c.getMetadata() == null ? "" : MetaValidation.text(c.getMetadata().getName())));
      }
      PodSpecValidation.template(s.getTemplate(), SPEC.child("template"), claims, errs);
    }
    PodSpec pod = WorkloadValidation.podSpec(s.getTemplate());
    WorkloadValidation.restartAlways(pod, SPEC.child("template", "spec", "restartPolicy"), errs);
    if (pod.getActiveDeadlineSeconds() != null) {
      errs.forbidden(SPEC.child("template", "spec", "activeDeadlineSeconds"), "activeDeadlineSeconds in StatefulSet is not Supported");
    }
    errs.nonNegative(SPEC.child("revisionHistoryLimit"), s.getRevisionHistoryLimit());
  }

  /** Only replicas, ordinals, template, updateStrategy, revisionHistoryLimit, the PVC policy and minReadySeconds may change. */
  static void statefulSetUpdate(StatefulSetSpec spec, StatefulSetSpec old, FieldErrors errs) {
    StatefulSetSpec n = spec == null ? new StatefulSetSpec() : spec;
    StatefulSetSpec o = old == null ? new StatefulSetSpec() : old;
    StatefulSetSpec clone = io.capstan.spi.api.KubeJson.mapper().convertValue(n, StatefulSetSpec.class);
    clone.setReplicas(o.getReplicas());
    clone.setTemplate(o.getTemplate());
    clone.setUpdateStrategy(o.getUpdateStrategy());
    clone.setMinReadySeconds(o.getMinReadySeconds());
    clone.setOrdinals(o.getOrdinals());
    clone.setRevisionHistoryLimit(o.getRevisionHistoryLimit());
    clone.setPersistentVolumeClaimRetentionPolicy(o.getPersistentVolumeClaimRetentionPolicy());
    if (!Semantic.equal(clone, o)) {
      errs.forbidden(SPEC, "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template',"
          + " 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds'"
          + " are forbidden");
    }
  }

  /** {@code ValidateReplicationControllerSpec} with {@code ValidatePodTemplateSpecForRC}. */
  static void replicationController(ReplicationControllerSpec spec, FieldErrors errs) {
    ReplicationControllerSpec s = spec == null ? new ReplicationControllerSpec() : spec;
    errs.nonNegative(SPEC.child("minReadySeconds"), s.getMinReadySeconds());
    Map<String, String> selector = s.getSelector() == null ? Map.of() : s.getSelector();
    if (selector.isEmpty()) {
      errs.required(SPEC.child("selector"), "");
    } else {
      MetaValidation.labels(selector, SPEC.child("selector"), errs);
    }
    errs.nonNegative(SPEC.child("replicas"), s.getReplicas());
    PodTemplateSpec template = s.getTemplate();
    FieldPath path = SPEC.child("template");
    if (template == null) {
      errs.required(path, "");
      return;
    }
    Map<String, String> labels = WorkloadValidation.labels(template);
    Map<String, String> actual = labels == null ? Map.of() : labels;
    if (!selector.isEmpty() && !selector.entrySet().stream().allMatch(e -> e.getValue().equals(actual.get(e.getKey())))) {
      errs.invalid(path.child("metadata", "labels"), actual.isEmpty() ? null : actual,
          "`selector` does not match template `labels`");
    }
    PodSpecValidation.template(template, path, errs);
    PodSpec pod = WorkloadValidation.podSpec(template);
    WorkloadValidation.restartAlways(pod, path.child("spec", "restartPolicy"), errs);
    if (pod.getActiveDeadlineSeconds() != null) {
      errs.forbidden(path.child("spec", "activeDeadlineSeconds"), "activeDeadlineSeconds in ReplicationController is not Supported");
    }
  }
}
