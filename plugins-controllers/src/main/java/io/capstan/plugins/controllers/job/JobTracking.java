package io.capstan.plugins.controllers.job;

import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.client.ResourceClient;
import io.capstan.spi.controller.ControllerContext;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.UncountedTerminatedPods;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kubernetes' pod tracking with the {@code batch.kubernetes.io/job-tracking} finalizer, so every
 * finished pod is counted exactly once even across controller restarts: (1) record newly finished
 * pods' uids in {@code status.uncountedTerminatedPods}, (2) remove their finalizers, (3) move them
 * into {@code succeeded}/{@code failed}. A pod deleted while running counts as failed.
 */
final class JobTracking {

  private final JobController controller;

  JobTracking(JobController controller) {
    this.controller = controller;
  }

  /**
   * Pods counted and released by this controller whose finalizer removal the pods cache may not
   * show yet: seen again with the finalizer, they are not new (counting them twice would do).
   */
  private final Set<String> released = ConcurrentHashMap.newKeySet();

  /** When each failed pod without a reported finish time was first seen finished. */
  private final Map<String, Instant> firstSeenFinished = new ConcurrentHashMap<>();

  /** Counts what is new; returns the Job as stored afterwards. */
  Job count(Job job, List<Pod> pods, ControllerContext ctx) {
    JobStatus status = JobController.status(job);
    UncountedTerminatedPods uncounted = status.getUncountedTerminatedPods() == null ? new UncountedTerminatedPods()
        : status.getUncountedTerminatedPods();
    List<String> succeeded = new ArrayList<>(orEmpty(uncounted.getSucceeded()));
    List<String> failed = new ArrayList<>(orEmpty(uncounted.getFailed()));
    Integer completions = job.getSpec().getCompletions();
    TreeSet<Integer> completed = CompletedIndexes.parse(status.getCompletedIndexes());
    boolean indexed = JobController.indexed(job);
    boolean changed = false;
    for (Pod pod : pods) {
      String uid = pod.getMetadata().getUid();
      if (released.contains(uid)) {
        if (JobPods.tracked(pod)) {
          continue; // counted already; the cache has not caught up with the finalizer's removal
        }
        released.remove(uid);
      }
      boolean finished = JobPods.terminal(pod) || pod.getMetadata().getDeletionTimestamp() != null;
      if (!JobPods.tracked(pod) || !finished || succeeded.contains(uid) || failed.contains(uid)) {
        continue;
      }
      firstSeenFinished.putIfAbsent(uid, ctx.clock().now());
      if (JobPods.succeeded(pod)) {
        succeeded.add(uid);
        if (indexed) {
          JobPods.index(pod).filter(i -> completions == null || i < completions).ifPresent(completed::add);
        }
      } else {
        failed.add(uid);
      }
      changed = true;
    }
    if (changed) {
      uncounted.setSucceeded(succeeded);
      uncounted.setFailed(failed);
      status.setUncountedTerminatedPods(uncounted);
      if (indexed) {
        status.setCompletedIndexes(CompletedIndexes.format(completed));
      }
      job = controller.writeStatus(job, status, ctx);
    }
    if (succeeded.isEmpty() && failed.isEmpty()) {
      return job;
    }
    Set<String> toRelease = new java.util.HashSet<>(succeeded);
    toRelease.addAll(failed);
    for (Pod pod : pods) {
      if (toRelease.contains(pod.getMetadata().getUid()) && JobPods.tracked(pod)) {
        released.add(pod.getMetadata().getUid());
        releaseFinalizer(pod, ctx);
      }
    }
    status = JobController.status(job);
    status.setSucceeded(nz(status.getSucceeded()) + succeeded.size());
    status.setFailed(nz(status.getFailed()) + failed.size());
    status.setUncountedTerminatedPods(new UncountedTerminatedPods(List.of(), List.of()));
    return controller.writeStatus(job, status, ctx);
  }

  /** When a failed pod finished: its containers' finish time, else when this controller saw it. */
  Instant finishTime(Pod pod, Instant fallback) {
    return JobPods.finishedAt(pod).orElseGet(() -> firstSeenFinished.getOrDefault(pod.getMetadata().getUid(), fallback));
  }

  void forgetPods(List<Pod> pods) {
    pods.forEach(p -> firstSeenFinished.remove(p.getMetadata().getUid()));
    pods.forEach(p -> released.remove(p.getMetadata().getUid()));
  }

  /** Removes the tracking finalizer; a pod already gone is fine. */
  static void releaseFinalizer(Pod pod, ControllerContext ctx) {
    ResourceClient<Pod> client = ctx.client().resources(Pod.class);
    Pod copy = io.capstan.spi.api.DeepCopy.of(pod);
    List<String> finalizers = new ArrayList<>(copy.getMetadata().getFinalizers());
    finalizers.remove(JobPods.TRACKING_FINALIZER);
    copy.getMetadata().setFinalizers(finalizers);
    try {
      client.update(copy);
    } catch (NotFoundException gone) {
      // deleted meanwhile: nothing left to release
    }
  }

  private static List<String> orEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }

  static int nz(Integer value) {
    return value == null ? 0 : value;
  }
}
