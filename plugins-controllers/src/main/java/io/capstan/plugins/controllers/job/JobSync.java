package io.capstan.plugins.controllers.job;

import static io.capstan.plugins.controllers.job.JobTracking.nz;

import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.EventType;
import io.capstan.spi.controller.Result;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** One reconcile of a Job that has not finished: decide its outcome or the pods it should run. */
final class JobSync {

  private final JobController controller;
  private final Job job;
  private final List<Pod> pods;
  private final Instant now;
  private final ControllerContext ctx;
  private final JobStatus status;
  private Duration requeue = Duration.ZERO;

  JobSync(JobController controller, Job job, List<Pod> pods, Instant now, ControllerContext ctx) {
    this.controller = controller;
    this.job = job;
    this.pods = pods;
    this.now = now;
    this.ctx = ctx;
    this.status = JobController.status(job);
  }

  Result run(ObjectKey key) {
    List<Pod> active = pods.stream().filter(JobPods::active).toList();
    boolean suspended = Boolean.TRUE.equals(job.getSpec().getSuspend());
    if (suspended) {
      JobController.deletePods(active, ctx);
      if (!active.isEmpty()) {
        JobController.event(ctx, job, EventType.NORMAL, "Suspended", "Job suspended");
      }
      JobController.setCondition(status, "Suspended", "True", "JobSuspended", "Job suspended", now);
      status.setActive(0);
      status.setReady(0);
      status.setStartTime(null);
      controller.writeStatus(job, status, ctx);
      return Result.done();
    }
    if (JobController.conditions(job).stream().anyMatch(c -> "Suspended".equals(c.getType()) && "True".equals(c.getStatus()))) {
      JobController.setCondition(status, "Suspended", "False", "JobResumed", "Job resumed", now);
      JobController.event(ctx, job, EventType.NORMAL, "Resumed", "Job resumed");
    }
    if (status.getStartTime() == null) {
      status.setStartTime(timestamp(now));
    }
    int failed = nz(status.getFailed());
    if (failed > JobController.backoffLimit(job)) {
      return fail(active, "BackoffLimitExceeded", "Job has reached the specified backoff limit");
    }
    Long deadline = job.getSpec().getActiveDeadlineSeconds();
    if (deadline != null) {
      Instant end = Instant.parse(status.getStartTime()).plusSeconds(deadline);
      if (!now.isBefore(end)) {
        return fail(active, "DeadlineExceeded", "Job was active longer than specified deadline");
      }
      requeue = Duration.between(now, end);
    }
    if (complete(active)) {
      JobController.deletePods(active, ctx);
      status.setCompletionTime(timestamp(now));
      JobController.setCondition(status, "Complete", "True", "CompletionsReached", "Reached expected number of succeeded pods", now);
      status.setActive(0);
      status.setReady(0);
      controller.writeStatus(job, status, ctx);
      JobController.event(ctx, job, EventType.NORMAL, "Completed", "Job completed");
      return ttlRequeue();
    }
    List<Pod> running = new ArrayList<>(active);
    List<Pod> created = new ArrayList<>();
    List<Pod> deleted = new ArrayList<>();
    if (JobController.indexed(job)) {
      manageIndexed(running, created, deleted);
    } else {
      manageNonIndexed(running, created, deleted);
    }
    controller.expectations().expect(key, created, deleted, now);
    status.setActive(running.size() + created.size());
    status.setReady((int) running.stream().filter(JobPods::ready).count());
    controller.writeStatus(job, status, ctx);
    return requeue.isZero() ? Result.done() : Result.requeueAfter(requeue);
  }

  private boolean complete(List<Pod> active) {
    Integer completions = job.getSpec().getCompletions();
    int succeeded = nz(status.getSucceeded());
    if (JobController.indexed(job)) {
      return completions != null && CompletedIndexes.parse(status.getCompletedIndexes()).size() >= completions;
    }
    if (completions == null) {
      return succeeded > 0 && active.isEmpty();
    }
    return succeeded >= completions;
  }

  private Result fail(List<Pod> active, String reason, String message) {
    JobController.deletePods(active, ctx);
    JobController.setCondition(status, "Failed", "True", reason, message, now);
    status.setActive(0);
    status.setReady(0);
    controller.writeStatus(job, status, ctx);
    JobController.event(ctx, job, EventType.WARNING, reason, message);
    return ttlRequeue();
  }

  private Result ttlRequeue() {
    Integer ttl = job.getSpec().getTtlSecondsAfterFinished();
    return ttl == null ? Result.done() : Result.requeueAfter(Duration.ofSeconds(ttl));
  }

  private void manageNonIndexed(List<Pod> running, List<Pod> created, List<Pod> deleted) {
    Integer completions = job.getSpec().getCompletions();
    int succeeded = nz(status.getSucceeded());
    int parallelism = JobController.parallelism(job);
    // without completions, after the first success whatever runs keeps running and nothing new starts
    int want = completions == null ? (succeeded > 0 ? running.size() : parallelism) : Math.min(parallelism, completions - succeeded);
    if (running.size() > want) {
      List<Pod> extra = running.stream().sorted(JobController.DELETE_FIRST).limit(running.size() - want).toList();
      JobController.deletePods(extra, ctx);
      deleted.addAll(extra);
      running.removeAll(extra);
      return;
    }
    int missing = want - running.size();
    if (missing > 0 && backoffAllows()) {
      for (int i = 0; i < missing; i++) {
        created.add(create(Optional.empty()));
      }
    }
  }

  private void manageIndexed(List<Pod> running, List<Pod> created, List<Pod> deleted) {
    int completions = job.getSpec().getCompletions() == null ? 1 : job.getSpec().getCompletions();
    TreeSet<Integer> done = CompletedIndexes.parse(status.getCompletedIndexes());
    Set<Integer> busy = new HashSet<>();
    List<Pod> extra = new ArrayList<>();
    for (Pod pod : running.stream().sorted(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp())).toList()) {
      Optional<Integer> index = JobPods.index(pod);
      if (index.isEmpty() || index.get() >= completions || done.contains(index.get()) || !busy.add(index.get())) {
        extra.add(pod);
      }
    }
    JobController.deletePods(extra, ctx);
    deleted.addAll(extra);
    running.removeAll(extra);
    int room = JobController.parallelism(job) - running.size();
    if (room <= 0 || !backoffAllows()) {
      return;
    }
    for (int i = 0; i < completions && room > 0; i++) {
      if (!done.contains(i) && !busy.contains(i)) {
        created.add(create(Optional.of(i)));
        room--;
      }
    }
  }

  /**
   * Kubernetes' pod-failure back-off: after n consecutive failures (failures since the last
   * success) new pods wait 10 s × 2^(n-1), at most 6 minutes, from the last failure.
   */
  private boolean backoffAllows() {
    List<Pod> finished = pods.stream().filter(JobPods::terminal)
        .sorted(Comparator.comparing(p -> controller.tracking().finishTime(p, now))).toList();
    int consecutive = 0;
    Instant lastFailure = null;
    for (Pod pod : finished) {
      if (JobPods.succeeded(pod)) {
        consecutive = 0;
      } else {
        consecutive++;
        lastFailure = controller.tracking().finishTime(pod, now);
      }
    }
    if (consecutive == 0) {
      return true;
    }
    Duration delay = JobController.BACKOFF_BASE.multipliedBy(1L << Math.min(consecutive - 1, 20));
    if (delay.compareTo(JobController.BACKOFF_MAX) > 0) {
      delay = JobController.BACKOFF_MAX;
    }
    Instant readyAt = lastFailure.plus(delay);
    if (now.isBefore(readyAt)) {
      Duration wait = Duration.between(now, readyAt);
      requeue = requeue.isZero() || wait.compareTo(requeue) < 0 ? wait : requeue;
      return false;
    }
    return true;
  }

  private Pod create(Optional<Integer> index) {
    Pod pod = ctx.client().resources(Pod.class).create(JobPods.newPod(job, index));
    JobController.event(ctx, job, EventType.NORMAL, "SuccessfulCreate", "Created pod: " + pod.getMetadata().getName());
    return pod;
  }

  static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
