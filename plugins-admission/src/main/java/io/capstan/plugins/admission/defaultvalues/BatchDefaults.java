package io.capstan.plugins.admission.defaultvalues;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.LinkedHashMap;

/**
 * Job and CronJob defaults: Kubernetes 1.32's {@code SetDefaults_Job} and {@code SetDefaults_CronJob}
 * (pkg/apis/batch/v1/defaults.go), plus their pod template defaults. The Job selector is not set
 * here: Kubernetes generates it from the Job's uid when it stores the Job.
 */
final class BatchDefaults {

  private BatchDefaults() {}

  static void job(Job job) {
    JobSpec spec = job.getSpec();
    if (spec == null) {
      return;
    }
    // a non-parallel job may leave both unset; then both are 1
    if (spec.getCompletions() == null && spec.getParallelism() == null) {
      spec.setCompletions(1);
      spec.setParallelism(1);
    }
    if (spec.getParallelism() == null) {
      spec.setParallelism(1);
    }
    if (spec.getBackoffLimit() == null) {
      spec.setBackoffLimit(spec.getBackoffLimitPerIndex() != null ? Integer.MAX_VALUE : 6);
    }
    var labels = spec.getTemplate() == null || spec.getTemplate().getMetadata() == null
        ? null : spec.getTemplate().getMetadata().getLabels();
    if (labels != null && !labels.isEmpty()) {
      ObjectMeta meta = job.getMetadata() == null ? new ObjectMeta() : job.getMetadata();
      job.setMetadata(meta);
      if (meta.getLabels() == null || meta.getLabels().isEmpty()) {
        meta.setLabels(new LinkedHashMap<>(labels));
      }
    }
    if (spec.getCompletionMode() == null) {
      spec.setCompletionMode("NonIndexed");
    }
    if (spec.getSuspend() == null) {
      spec.setSuspend(false);
    }
    if (spec.getPodFailurePolicy() != null) {
      PodDefaults.each(spec.getPodFailurePolicy().getRules(), rule -> PodDefaults.each(rule.getOnPodConditions(), c -> {
        if (PodDefaults.empty(c.getStatus())) {
          c.setStatus("True");
        }
      }));
    }
    if (spec.getPodReplacementPolicy() == null) {
      spec.setPodReplacementPolicy(spec.getPodFailurePolicy() != null ? "Failed" : "TerminatingOrFailed");
    }
    PodDefaults.template(spec.getTemplate());
  }

  static void cronJob(CronJob cronJob) {
    var spec = cronJob.getSpec();
    if (spec == null) {
      return;
    }
    if (PodDefaults.empty(spec.getConcurrencyPolicy())) {
      spec.setConcurrencyPolicy("Allow");
    }
    if (spec.getSuspend() == null) {
      spec.setSuspend(false);
    }
    if (spec.getSuccessfulJobsHistoryLimit() == null) {
      spec.setSuccessfulJobsHistoryLimit(3);
    }
    if (spec.getFailedJobsHistoryLimit() == null) {
      spec.setFailedJobsHistoryLimit(1);
    }
    // SetDefaults_Job takes a Job, so only the pod template inside a job template gets defaults
    if (spec.getJobTemplate() != null && spec.getJobTemplate().getSpec() != null) {
      PodDefaults.template(spec.getJobTemplate().getSpec().getTemplate());
    }
  }
}
