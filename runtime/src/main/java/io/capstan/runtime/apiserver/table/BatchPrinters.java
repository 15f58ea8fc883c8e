package io.capstan.runtime.apiserver.table;

import static io.capstan.runtime.apiserver.table.Cells.list;
import static io.capstan.runtime.apiserver.table.Cells.num;
import static io.capstan.runtime.apiserver.table.Columns.AGE;
import static io.capstan.runtime.apiserver.table.Columns.NAME;
import static io.capstan.runtime.apiserver.table.Columns.col;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code kubectl get jobs} (NAME STATUS COMPLETIONS DURATION AGE, wide CONTAINERS IMAGES SELECTOR)
 * and {@code kubectl get cronjobs} (NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE, wide
 * CONTAINERS IMAGES SELECTOR), as Kubernetes 1.32's {@code printJob} and {@code printCronJob}: a
 * job's STATUS is {@code Complete}, {@code Failed}, {@code Terminating}, {@code Suspended},
 * {@code FailureTarget} or {@code Running}, in that order of precedence; COMPLETIONS is
 * {@code succeeded/completions}, or {@code succeeded/1 of parallelism} for a work queue. Stateless.
 */
final class BatchPrinters {

  private static final String SELECTOR_DOC = "A label query over pods that should match the pod count.";

  private BatchPrinters() {}

  static KindPrinter job() {
    return TypedPrinter.of(Job.class, Columns.of(List.of(NAME,
        col("Status", "string", "Status of the job."),
        col("Completions", "string", "The number of pods which reached phase Succeeded."),
        col("Duration", "string", "Time required to complete the job."), AGE),
        Columns.containersImages(SELECTOR_DOC)), BatchPrinters::jobCells);
  }

  static List<Object> jobCells(Job job, Instant now) {
    JobSpec spec = job.getSpec() == null ? new JobSpec() : job.getSpec();
    JobStatus status = job.getStatus() == null ? new JobStatus() : job.getStatus();
    long succeeded = num(status.getSucceeded());
    String completions;
    if (spec.getCompletions() != null) {
      completions = succeeded + "/" + spec.getCompletions();
    } else {
      long parallelism = num(spec.getParallelism());
      completions = parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
    }
    Optional<Instant> start = Ages.parse(status.getStartTime());
    Optional<Instant> completion = Ages.parse(status.getCompletionTime());
    String duration = start.isEmpty() ? ""
        : Ages.human(Duration.between(start.get(), completion.orElse(now)));
    String state;
    if (hasCondition(status, "Complete")) {
      state = "Complete";
    } else if (hasCondition(status, "Failed")) {
      state = "Failed";
    } else if (job.getMetadata().getDeletionTimestamp() != null) {
      state = "Terminating";
    } else if (hasCondition(status, "Suspended")) {
      state = "Suspended";
    } else if (hasCondition(status, "FailureTarget")) {
      state = "FailureTarget";
    } else {
      state = "Running";
    }
    String[] ci = Cells.containersAndImages(containers(spec.getTemplate()));
    return Columns.cells(job.getMetadata().getName(), state, completions, duration,
        Ages.since(job.getMetadata().getCreationTimestamp(), now), ci[0], ci[1],
        Cells.formatLabelSelector(spec.getSelector()));
  }

  /** {@code hasJobCondition}: the first condition of the type decides. */
  private static boolean hasCondition(JobStatus status, String type) {
    for (JobCondition c : list(status.getConditions())) {
      if (type.equals(c.getType())) {
        return "True".equals(c.getStatus());
      }
    }
    return false;
  }

  static KindPrinter cronJob() {
    return TypedPrinter.of(CronJob.class, Columns.of(List.of(NAME,
        col("Schedule", "string", "The schedule in Cron format."),
        col("Timezone", "string", "The time zone name for the given schedule."),
        col("Suspend", "boolean", "This flag tells the controller to suspend subsequent executions."),
        col("Active", "integer", "A list of pointers to currently running jobs."),
        col("Last Schedule", "string", "Information when was the last time the job was successfully scheduled."),
        AGE), Columns.containersImages(SELECTOR_DOC)), BatchPrinters::cronJobCells);
  }

  static List<Object> cronJobCells(CronJob cronJob, Instant now) {
    CronJobSpec spec = cronJob.getSpec() == null ? new CronJobSpec() : cronJob.getSpec();
    String lastSchedule = "<none>";
    long active = 0;
    if (cronJob.getStatus() != null) {
      active = list(cronJob.getStatus().getActive()).size();
      if (cronJob.getStatus().getLastScheduleTime() != null) {
        lastSchedule = Ages.since(cronJob.getStatus().getLastScheduleTime(), now);
      }
    }
    JobSpec jobSpec = spec.getJobTemplate() == null || spec.getJobTemplate().getSpec() == null ? new JobSpec()
        : spec.getJobTemplate().getSpec();
    String[] ci = Cells.containersAndImages(containers(jobSpec.getTemplate()));
    return Columns.cells(cronJob.getMetadata().getName(), Cells.str(spec.getSchedule()),
        spec.getTimeZone() == null ? "<none>" : spec.getTimeZone(), boolPtr(spec.getSuspend()), active, lastSchedule,
        Ages.since(cronJob.getMetadata().getCreationTimestamp(), now), ci[0], ci[1],
        Cells.formatLabelSelector(jobSpec.getSelector()));
  }

  /** {@code printBoolPtr}: {@code True}, {@code False} or {@code <unset>}. */
  static String boolPtr(Boolean value) {
    return value == null ? "<unset>" : value ? "True" : "False";
  }

  private static List<io.fabric8.kubernetes.api.model.Container> containers(PodTemplateSpec template) {
    return template == null || template.getSpec() == null ? List.of() : template.getSpec().getContainers();
  }
}
