package io.capstan.plugins.controllers.job;

import io.capstan.plugins.controllers.shared.Expectations;
import static io.capstan.plugins.controllers.job.JobTracking.nz;

import io.capstan.spi.api.DeepCopy;
import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.api.OwnerReferences;
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
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' Job controller: runs pods until {@code completions} succeed ({@code parallelism} at a
 * time, or one per index in Indexed mode), fails the Job after {@code backoffLimit} failures or
 * {@code activeDeadlineSeconds}, waits 10 s doubling to 6 min after consecutive failures, stops
 * pods while suspended, and deletes a finished Job after {@code ttlSecondsAfterFinished} (Kubernetes'
 * ttl-after-finished controller, folded in here).
 */
public final class JobController implements Controller {

  static final String POD_INDEX = "job.controller-uid";
  static final Duration BACKOFF_BASE = Duration.ofSeconds(10);
  static final Duration BACKOFF_MAX = Duration.ofMinutes(6);
  private static final Logger log = LoggerFactory.getLogger(JobController.class);

  private final Expectations expectations = new Expectations();
  private final io.capstan.plugins.controllers.shared.OwnWrites statusWrites = new io.capstan.plugins.controllers.shared.OwnWrites();
  private final JobTracking tracking = new JobTracking(this);

  @Override
  public String name() {
    return ControllerNames.JOB;
  }

  @Override
  public Class<Job> primaryType() {
    return Job.class;
  }

  @Override
  public void setup(ControllerSetup setup) {
    setup.watch(Pod.class, EventMappers.controllerOwner("Job"));
    setup.index(Pod.class, POD_INDEX, pod -> OwnerReferences.controllerOf(pod)
        .filter(r -> "Job".equals(r.getKind())).map(r -> List.of(r.getUid())).orElse(List.of()));
  }

  @Override
  public Result reconcile(ObjectKey key, ControllerContext ctx) {
    Optional<Job> cached = ctx.lister(Job.class).get(key.namespace(), key.name());
    if (cached.isEmpty()) {
      expectations.clear(key);
      statusWrites.forget(key);
      return Result.done();
    }
    Job job = cached.get();
    if (statusWrites.stale(key, job)) {
      // The cache does not show our last status write yet (finished pods moved into succeeded and
      // their finalizers released): counted from it, they would look missing and be created again.
      // The Job's watch event for that write brings it back here.
      return Result.requeueAfter(Duration.ofSeconds(1));
    }
    Instant now = ctx.clock().now();
    List<Pod> pods = ctx.lister(Pod.class).byIndex(POD_INDEX, job.getMetadata().getUid());
    var podInformer = ctx.informers().sharedInformer(Pod.class);
    if (!expectations.satisfied(key, podInformer.lister(), podInformer.lastSyncResourceVersion(), now)) {
      return Result.requeueAfter(Expectations.TIMEOUT);
    }
    job = tracking.count(job, pods, ctx);
    if (job.getMetadata().getDeletionTimestamp() != null) {
      pods.stream().filter(JobPods::tracked).forEach(p -> JobTracking.releaseFinalizer(p, ctx));
      return Result.done();
    }
    if (finished(job)) {
      pods.stream().filter(JobPods::tracked).forEach(p -> JobTracking.releaseFinalizer(p, ctx));
      tracking.forgetPods(pods);
      return expireAfterTtl(job, now, ctx);
    }
    return new JobSync(this, job, pods, now, ctx).run(key);
  }

  /** Deletes a finished Job once its {@code ttlSecondsAfterFinished} has passed. */
  private Result expireAfterTtl(Job job, Instant now, ControllerContext ctx) {
    Integer ttl = job.getSpec().getTtlSecondsAfterFinished();
    if (ttl == null) {
      return Result.done();
    }
    Instant finishedAt = finishTime(job).orElse(now);
    Instant expiry = finishedAt.plusSeconds(ttl);
    if (now.isBefore(expiry)) {
      return Result.requeueAfter(Duration.between(now, expiry));
    }
    log.info("{}/{}: finished at {}, ttlSecondsAfterFinished {} passed; deleting", job.getMetadata().getNamespace(),
        job.getMetadata().getName(), finishedAt, ttl);
    try {
      ctx.client().resources(Job.class).delete(job.getMetadata().getNamespace(), job.getMetadata().getName(),
          DeleteOptions.DEFAULTS.withPropagationPolicy(PropagationPolicy.BACKGROUND)
              .withPreconditionUid(job.getMetadata().getUid()));
    } catch (NotFoundException gone) {
      // already deleted
    }
    return Result.done();
  }

  Expectations expectations() {
    return expectations;
  }

  JobTracking tracking() {
    return tracking;
  }

  static Optional<Instant> finishTime(Job job) {
    JobStatus status = status(job);
    if (status.getCompletionTime() != null) {
      return Optional.of(Instant.parse(status.getCompletionTime()));
    }
    return conditions(job).stream().filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus()))
        .map(JobCondition::getLastTransitionTime).filter(t -> t != null).map(Instant::parse).findFirst();
  }

  static boolean finished(Job job) {
    return conditions(job).stream().anyMatch(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
        && "True".equals(c.getStatus()));
  }

  static boolean indexed(Job job) {
    return "Indexed".equals(job.getSpec().getCompletionMode());
  }

  static List<JobCondition> conditions(Job job) {
    return job.getStatus() == null || job.getStatus().getConditions() == null ? List.of() : job.getStatus().getConditions();
  }

  /** A private copy of the Job's status (empty when it has none). */
  static JobStatus status(Job job) {
    return job.getStatus() == null ? new JobStatus() : DeepCopy.of(job.getStatus());
  }

  /** Writes {@code status} when it differs from the Job's; returns the Job as stored. */
  Job writeStatus(Job job, JobStatus status, ControllerContext ctx) {
    if (status.equals(job.getStatus())) {
      return job;
    }
    Job copy = DeepCopy.of(job);
    copy.setStatus(status);
    Job stored = ctx.client().resources(Job.class).updateStatus(copy);
    statusWrites.wrote(ObjectKey.of(stored), stored);
    return stored;
  }

  /** Sets (or replaces) a condition, keeping lastTransitionTime when the status did not change. */
  static void setCondition(JobStatus status, String type, String value, String reason, String message, Instant now) {
    List<JobCondition> list = new ArrayList<>(status.getConditions() == null ? List.of() : status.getConditions());
    String time = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    Optional<JobCondition> existing = list.stream().filter(c -> type.equals(c.getType())).findFirst();
    if (existing.isPresent() && value.equals(existing.get().getStatus()) && reason.equals(existing.get().getReason())) {
      return;
    }
    list.removeIf(c -> type.equals(c.getType()));
    JobCondition c = new JobCondition();
    c.setType(type);
    c.setStatus(value);
    c.setReason(reason);
    c.setMessage(message);
    c.setLastProbeTime(time);
    c.setLastTransitionTime(existing.filter(e -> value.equals(e.getStatus())).map(JobCondition::getLastTransitionTime).orElse(time));
    list.add(c);
    status.setConditions(list);
  }

  /** Deletes pods the controller no longer wants, releasing their finalizer first so they are not counted. */
  static void deletePods(List<Pod> pods, ControllerContext ctx) {
    for (Pod pod : pods) {
      if (JobPods.tracked(pod)) {
        JobTracking.releaseFinalizer(pod, ctx);
      }
      try {
        ctx.client().resources(Pod.class).delete(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
            DeleteOptions.DEFAULTS.withPreconditionUid(pod.getMetadata().getUid()));
      } catch (NotFoundException gone) {
        // already gone
      }
    }
  }

  /** Pods to delete first: not ready before ready, newer before older (Kubernetes' ActivePods order, reversed). */
  static final Comparator<Pod> DELETE_FIRST = Comparator.comparing((Pod p) -> JobPods.ready(p))
      .thenComparing((Pod p) -> p.getMetadata().getCreationTimestamp(), Comparator.reverseOrder());

  static void event(ControllerContext ctx, Job job, EventType type, String reason, String message) {
    ctx.events().event(job, type, reason, message);
  }

  static int parallelism(Job job) {
    return job.getSpec().getParallelism() == null ? 1 : job.getSpec().getParallelism();
  }

  static int backoffLimit(Job job) {
    return job.getSpec().getBackoffLimit() == null ? 6 : job.getSpec().getBackoffLimit();
  }

  static int succeeded(Job job) {
    return nz(status(job).getSucceeded());
  }
}
