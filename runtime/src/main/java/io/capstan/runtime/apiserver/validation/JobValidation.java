package io.capstan.runtime.apiserver.validation;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import java.util.List;
import java.util.Objects;

/**
 * Jobs and CronJobs: Kubernetes' {@code ValidateJob}, {@code validateJobSpec},
 * {@code ValidateJobSpecUpdate}, {@code validateCronJobSpec} and {@code ValidateCronJobCreate}
 * (pkg/apis/batch/validation/validation.go, 1.32).
 *
 * <p>A Job without a selector is accepted unless {@code manualSelector} is true: Kubernetes' Job
 * strategy generates the selector from the object's uid before validating, which in Capstan is
 * the registry's step, not admission's. Stateless.
 */
final class JobValidation {

  private static final FieldPath SPEC = FieldPath.root("spec");
  private static final List<String> CONCURRENCY = List.of("Allow", "Forbid", "Replace");
  private static final List<String> COMPLETION_MODES = List.of("NonIndexed", "Indexed");

  private JobValidation() {}

  static void job(ObjectMeta meta, JobSpec spec, FieldErrors errs) {
    JobSpec s = spec == null ? new JobSpec() : spec;
    jobSpec(s, SPEC, errs);
    if (s.getSelector() == null) {
      if (Boolean.TRUE.equals(s.getManualSelector())) {
        errs.required(SPEC.child("selector"), "");
      }
    } else {
      SelectorValidation.validate(s.getSelector(), SPEC.child("selector"), errs);
      SelectorValidation.matchesTemplate(s.getSelector(), WorkloadValidation.labels(s.getTemplate()),
          SPEC.child("template", "metadata", "labels"), errs);
    }
    String name = meta == null ? "" : MetaValidation.text(meta.getName());
    if ("Indexed".equals(s.getCompletionMode()) && s.getCompletions() != null && s.getCompletions() > 0) {
      // the controller names pods <job>-<index>, which must stay a DNS label
      String maxHostname = name + "-" + (s.getCompletions() - 1);
      if (!NameRules.dns1123Label(maxHostname).isEmpty()) {
        errs.invalid(FieldPath.of("metadata", "name"), name,
            "will not able to create pod with invalid DNS label: " + maxHostname);
      }
    }
  }

  /** {@code validateJobSpec}: counts, completion mode, the pod template and its restartPolicy. */
  static void jobSpec(JobSpec s, FieldPath path, FieldErrors errs) {
    errs.nonNegative(path.child("parallelism"), s.getParallelism());
    errs.nonNegative(path.child("completions"), s.getCompletions());
    errs.nonNegative(path.child("activeDeadlineSeconds"), s.getActiveDeadlineSeconds());
    errs.nonNegative(path.child("backoffLimit"), s.getBackoffLimit());
    errs.nonNegative(path.child("ttlSecondsAfterFinished"), s.getTtlSecondsAfterFinished());
    String mode = s.getCompletionMode();
    if (mode != null) {
      if (!COMPLETION_MODES.contains(mode)) {
        errs.notSupported(path.child("completionMode"), mode, COMPLETION_MODES);
      }
      if (mode.equals("Indexed") && s.getCompletions() == null) {
        errs.required(path.child("completions"), "when completion mode is Indexed");
      }
    }
    PodSpecValidation.template(s.getTemplate(), path.child("template"), errs);
    PodSpec pod = WorkloadValidation.podSpec(s.getTemplate());
    // Always is the pod default, so an unset policy is as wrong as an explicit Always, and printed so
    String restart = pod.getRestartPolicy() == null || pod.getRestartPolicy().isEmpty() ? "Always" : pod.getRestartPolicy();
    if (!restart.equals("OnFailure") && !restart.equals("Never")) {
      errs.notSupported(path.child("template", "spec", "restartPolicy"), restart, List.of("OnFailure", "Never"));
    }
  }

  /** {@code ValidateJobSpecUpdate}: selector, template, completion mode and (mostly) completions are fixed. */
  static void jobUpdate(JobSpec spec, JobSpec old, FieldErrors errs) {
    JobSpec n = spec == null ? new JobSpec() : spec;
    JobSpec o = old == null ? new JobSpec() : old;
    boolean elastic = "Indexed".equals(n.getCompletionMode()) && n.getCompletions() != null
        && o.getCompletions() != null && !n.getCompletions().equals(o.getCompletions());
    if (elastic) {
      // elastic Indexed Jobs: completions may change, together with parallelism
      if (!Objects.equals(n.getCompletions(), n.getParallelism())) {
        errs.invalid(SPEC.child("completions"), n.getCompletions(), "can only be modified in tandem with spec.parallelism");
      }
    } else {
      errs.immutable(SPEC.child("completions"), n.getCompletions(), o.getCompletions());
    }
    errs.immutable(SPEC.child("selector"), n.getSelector(), o.getSelector());
    // Kubernetes relaxes this for suspended jobs' scheduling directives; Capstan keeps the whole rule
    errs.immutable(SPEC.child("template"), n.getTemplate(), o.getTemplate());
    errs.immutable(SPEC.child("completionMode"), n.getCompletionMode(), o.getCompletionMode());
    errs.immutable(SPEC.child("podFailurePolicy"), n.getPodFailurePolicy(), o.getPodFailurePolicy());
  }

  /** {@code validateCronJobSpec} (with {@code old} on update) and the 52-character name limit on create. */
  static void cronJob(ObjectMeta meta, CronJobSpec spec, CronJobSpec old, FieldErrors errs) {
    CronJobSpec s = spec == null ? new CronJobSpec() : spec;
    if (old == null && meta != null && MetaValidation.text(meta.getName()).length() > 52) {
      // the controller appends an 11-character suffix to job names, which are limited to 63
      errs.invalid(FieldPath.of("metadata", "name"), meta.getName(), "must be no more than 52 characters");
    }
    String schedule = MetaValidation.text(s.getSchedule());
    FieldPath schedulePath = SPEC.child("schedule");
    if (schedule.isEmpty()) {
      errs.required(schedulePath, "");
    } else {
      boolean allowTz = old != null && MetaValidation.text(old.getSchedule()).contains("TZ");
      CronSchedule.parseError(schedule).ifPresent(msg -> errs.invalid(schedulePath, schedule, msg));
      if (allowTz && schedule.contains("TZ") && s.getTimeZone() != null) {
        errs.invalid(schedulePath, schedule, "cannot use both timeZone field and TZ or CRON_TZ in schedule");
      } else if (!allowTz && schedule.contains("TZ")) {
        errs.invalid(schedulePath, schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
      }
    }
    errs.nonNegative(SPEC.child("startingDeadlineSeconds"), s.getStartingDeadlineSeconds());
    if (s.getTimeZone() != null && (old == null || !s.getTimeZone().equals(old.getTimeZone()))) {
      errs.invalidEach(SPEC.child("timeZone"), s.getTimeZone(), CronSchedule.timeZoneErrors(s.getTimeZone()));
    }
    PodSpecValidation.enumField(s.getConcurrencyPolicy(), CONCURRENCY, SPEC.child("concurrencyPolicy"), errs);
    jobTemplate(s.getJobTemplate(), SPEC.child("jobTemplate"), errs);
    errs.nonNegative(SPEC.child("successfulJobsHistoryLimit"), s.getSuccessfulJobsHistoryLimit());
    errs.nonNegative(SPEC.child("failedJobsHistoryLimit"), s.getFailedJobsHistoryLimit());
  }

  /** {@code ValidateJobTemplateSpec}: the job spec without a required selector, plus its metadata maps. */
  private static void jobTemplate(JobTemplateSpec template, FieldPath path, FieldErrors errs) {
    JobTemplateSpec t = template == null ? new JobTemplateSpec() : template;
    JobSpec spec = t.getSpec() == null ? new JobSpec() : t.getSpec();
    jobSpec(spec, path.child("spec"), errs);
    if (Boolean.TRUE.equals(spec.getManualSelector()) && spec.getSelector() != null) {
      SelectorValidation.validate(spec.getSelector(), path.child("spec", "selector"), errs);
    }
    if (t.getMetadata() != null) {
      MetaValidation.labels(t.getMetadata().getLabels(), path.child("metadata", "labels"), errs);
      MetaValidation.annotations(t.getMetadata().getAnnotations(), path.child("metadata", "annotations"), errs);
    }
  }
}
