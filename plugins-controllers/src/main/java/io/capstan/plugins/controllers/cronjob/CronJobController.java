package io.capstan.plugins.controllers.cronjob;

import io.capstan.spi.api.DeepCopy;
import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.api.OwnerReferences;
import io.capstan.spi.client.AlreadyExistsException;
import io.capstan.spi.client.DeleteOptions;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.client.PropagationPolicy;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.ControllerNames;
import io.capstan.spi.controller.ControllerSetup;
import io.capstan.spi.controller.EventMappers;
import io.capstan.spi.controller.EventType;
import io.capstan.spi.controller.Result;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' CronJob controller (v2): starts a Job named {@code <cronjob>-<minutes since epoch>}
 * at each schedule time, honouring concurrencyPolicy, startingDeadlineSeconds and suspend; after
 * more than 100 missed start times it records {@code TooManyMissedTimes} and starts only the
 * latest; keeps status.active/lastScheduleTime/lastSuccessfulTime and the history limits; sleeps
 * until the next schedule time with {@link Result#requeueAfter}, so it runs on virtual time.
 */
public final class CronJobController implements Controller {

  static final int MAX_MISSED = 100;
  static final String SCHEDULED_AT = "batch.kubernetes.io/cronjob-scheduled-timestamp";
  private static final Logger log = LoggerFactory.getLogger(CronJobController.class);

  @Override
  public String name() {
    return ControllerNames.CRONJOB;
  }

  @Override
  public Class<CronJob> primaryType() {
    return CronJob.class;
  }

  @Override
  public void setup(ControllerSetup setup) {
    setup.watch(Job.class, EventMappers.controllerOwner("CronJob"));
  }

  @Override
  public Result reconcile(ObjectKey key, ControllerContext ctx) {
    Optional<CronJob> cached = ctx.lister(CronJob.class).get(key.namespace(), key.name());
    if (cached.isEmpty()) {
      return Result.done();
    }
    CronJob cronJob = cached.get();
    String uid = cronJob.getMetadata().getUid();
    List<Job> jobs = ctx.lister(Job.class).list(key.namespace(), j -> OwnerReferences.isControlledBy(j, uid));
    Instant now = ctx.clock().now();
    CronJobStatus status = cronJob.getStatus() == null ? new CronJobStatus() : DeepCopy.of(cronJob.getStatus());
    List<Job> active = new ArrayList<>(jobs.stream().filter(j -> !finished(j)).toList());
    jobs.stream().filter(j -> "Complete".equals(finishedType(j))).map(j -> j.getStatus().getCompletionTime())
        .filter(t -> t != null).max(Comparator.comparing(Instant::parse))
        .filter(t -> status.getLastSuccessfulTime() == null || Instant.parse(t).isAfter(Instant.parse(status.getLastSuccessfulTime())))
        .ifPresent(status::setLastSuccessfulTime);
    pruneHistory(cronJob, jobs, ctx);
    if (cronJob.getMetadata().getDeletionTimestamp() != null) {
      return Result.done();
    }
    CronSchedule schedule;
    try {
      schedule = CronSchedule.parse(cronJob.getSpec().getSchedule(), cronJob.getSpec().getTimeZone());
    } catch (IllegalArgumentException e) {
      ctx.events().event(cronJob, EventType.WARNING, "UnparseableSchedule", e.getMessage());
      writeStatus(cronJob, status, active, ctx);
      return Result.done();
    }
    if (Boolean.TRUE.equals(cronJob.getSpec().getSuspend())) {
      writeStatus(cronJob, status, active, ctx);
      return Result.done();
    }
    Optional<Instant> due = mostRecentMissed(cronJob, status, schedule, now, ctx);
    if (due.isPresent()) {
      Instant scheduled = due.get();
      Long deadline = cronJob.getSpec().getStartingDeadlineSeconds();
      String jobName = jobName(cronJob, scheduled);
      boolean exists = jobs.stream().anyMatch(j -> jobName.equals(j.getMetadata().getName()));
      if (deadline != null && scheduled.plusSeconds(deadline).isBefore(now)) {
        ctx.events().eventf(cronJob, EventType.WARNING, "MissSchedule", "Missed scheduled time to start a job: %s", scheduled);
      } else if (!exists) {
        String policy = cronJob.getSpec().getConcurrencyPolicy() == null ? "Allow" : cronJob.getSpec().getConcurrencyPolicy();
        if ("Forbid".equals(policy) && !active.isEmpty()) {
          ctx.events().eventf(cronJob, EventType.NORMAL, "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid");
          writeStatus(cronJob, status, active, ctx);
          return next(schedule, now);
        }
        if ("Replace".equals(policy)) {
          for (Job old : active) {
            deleteJob(old, ctx);
            ctx.events().eventf(cronJob, EventType.NORMAL, "SuccessfulDelete", "Deleted job %s", old.getMetadata().getName());
          }
          active.clear();
        }
        active.add(startJob(cronJob, jobName, scheduled, ctx));
        status.setLastScheduleTime(scheduled.truncatedTo(ChronoUnit.SECONDS).toString());
      } else {
        status.setLastScheduleTime(scheduled.truncatedTo(ChronoUnit.SECONDS).toString());
      }
    }
    writeStatus(cronJob, status, active, ctx);
    return next(schedule, now);
  }

  /**
   * The latest schedule time since the last one handled (or creation), limited by
   * startingDeadlineSeconds; warns when more than {@value #MAX_MISSED} were missed, as Kubernetes does.
   */
  private static Optional<Instant> mostRecentMissed(CronJob cronJob, CronJobStatus status, CronSchedule schedule,
      Instant now, ControllerContext ctx) {
    Instant earliest = status.getLastScheduleTime() != null ? Instant.parse(status.getLastScheduleTime())
        : Instant.parse(cronJob.getMetadata().getCreationTimestamp());
    Long deadline = cronJob.getSpec().getStartingDeadlineSeconds();
    if (deadline != null && now.minusSeconds(deadline).isAfter(earliest)) {
      earliest = now.minusSeconds(deadline);
    }
    Optional<Instant> latest = schedule.latest(now);
    if (latest.isEmpty() || !latest.get().isAfter(earliest)) {
      return Optional.empty();
    }
    int missed = 0;
    for (Optional<Instant> t = schedule.next(earliest); t.isPresent() && !t.get().isAfter(now) && missed <= MAX_MISSED;
        t = schedule.next(t.get())) {
      missed++;
    }
    if (missed > MAX_MISSED) {
      ctx.events().eventf(cronJob, EventType.WARNING, "TooManyMissedTimes",
          "too many missed start times: %d. Set or decrease .spec.startingDeadlineSeconds or check clock skew", missed);
      log.warn("{}/{}: more than {} missed start times; starting only the latest", cronJob.getMetadata().getNamespace(),
          cronJob.getMetadata().getName(), MAX_MISSED);
    }
    return latest;
  }

  private static Result next(CronSchedule schedule, Instant now) {
    return schedule.next(now).map(t -> Result.requeueAfter(Duration.between(now, t))).orElse(Result.done());
  }

  /** Kubernetes' name: the scheduled time in minutes since the epoch, so a time never runs twice. */
  static String jobName(CronJob cronJob, Instant scheduled) {
    return cronJob.getMetadata().getName() + "-" + scheduled.getEpochSecond() / 60;
  }

  private static Job startJob(CronJob cronJob, String name, Instant scheduled, ControllerContext ctx) {
    Job job = CronJobJobs.fromTemplate(cronJob, name, scheduled);
    try {
      Job created = ctx.client().resources(Job.class).create(job);
      ctx.events().eventf(cronJob, EventType.NORMAL, "SuccessfulCreate", "Created job %s", name);
      return created;
    } catch (AlreadyExistsException exists) {
      return ctx.client().resources(Job.class).get(job.getMetadata().getNamespace(), name).orElseThrow(() -> exists);
    }
  }

  private static void deleteJob(Job job, ControllerContext ctx) {
    try {
      ctx.client().resources(Job.class).delete(job.getMetadata().getNamespace(), job.getMetadata().getName(),
          DeleteOptions.DEFAULTS.withPropagationPolicy(PropagationPolicy.BACKGROUND)
              .withPreconditionUid(job.getMetadata().getUid()));
    } catch (NotFoundException gone) {
      // already gone
    }
  }

  /** Deletes the oldest finished Jobs beyond successfulJobsHistoryLimit (3) and failedJobsHistoryLimit (1). */
  private static void pruneHistory(CronJob cronJob, List<Job> jobs, ControllerContext ctx) {
    int successful = cronJob.getSpec().getSuccessfulJobsHistoryLimit() == null ? 3 : cronJob.getSpec().getSuccessfulJobsHistoryLimit();
    int failed = cronJob.getSpec().getFailedJobsHistoryLimit() == null ? 1 : cronJob.getSpec().getFailedJobsHistoryLimit();
    for (String type : List.of("Complete", "Failed")) {
      List<Job> done = jobs.stream().filter(j -> type.equals(finishedType(j)))
          .sorted(Comparator.comparing((Job j) -> j.getMetadata().getCreationTimestamp())).toList();
      int limit = type.equals("Complete") ? successful : failed;
      for (int i = 0; i < done.size() - limit; i++) {
        deleteJob(done.get(i), ctx);
      }
    }
  }

  static boolean finished(Job job) {
    return finishedType(job) != null;
  }

  static String finishedType(Job job) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return null;
    }
    return job.getStatus().getConditions().stream()
        .filter(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus()))
        .map(c -> c.getType()).findFirst().orElse(null);
  }

  private static void writeStatus(CronJob cronJob, CronJobStatus status, List<Job> active, ControllerContext ctx) {
    List<ObjectReference> refs = active.stream().sorted(Comparator.comparing(j -> j.getMetadata().getName()))
        .map(CronJobJobs::reference).toList();
    status.setActive(refs.isEmpty() ? null : refs);
    if (status.equals(cronJob.getStatus()) || (cronJob.getStatus() == null && status.equals(new CronJobStatus()))) {
      return;
    }
    CronJob copy = DeepCopy.of(cronJob);
    copy.setStatus(status);
    ctx.client().resources(CronJob.class).updateStatus(copy);
  }
}
