package io.capstan.plugins.controllers.replicas;

import io.capstan.plugins.controllers.shared.Expectations;
import io.capstan.plugins.controllers.shared.SlowStartBatch;
import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.api.OwnerReferences;
import io.capstan.spi.client.ApiException;
import io.capstan.spi.client.DeleteOptions;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.EventType;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Kubernetes' {@code manageReplicas}: creates missing pods in slow-start batches (1, 2, 4, ...;
 * {@code SlowStartInitialBatchSize = 1}), the pods of a batch concurrently (at most
 * {@link #WRITE_PARALLELISM} at once, on the host's executor), stopping after the first batch with
 * a failure, or deletes surplus pods in {@link PodRanking} order; at most {@code burstReplicas}
 * either way per sync.
 * Every write is recorded in the expectations before the next sync may act again.
 */
final class ReplicaScaler<T extends HasMetadata> {

  static final int SLOW_START_INITIAL_BATCH = 1;

  /** Pod creations (of one batch) or deletions in flight at once: the caller and executor tasks. */
  static final int WRITE_PARALLELISM = 8;

  private final ReplicaOwnerKind<T> kind;
  private final Expectations expectations;
  private final int burstReplicas;

  ReplicaScaler(ReplicaOwnerKind<T> kind, Expectations expectations, int burstReplicas) {
    this.kind = kind;
    this.expectations = expectations;
    this.burstReplicas = burstReplicas;
  }

  Optional<ReplicaStatus.Failure> manage(ObjectKey key, T owner, List<Pod> active, ControllerContext ctx) {
    int diff = active.size() - kind.replicas(owner);
    if (diff < 0) {
      return create(key, owner, Math.min(-diff, burstReplicas), ctx);
    }
    if (diff > 0) {
      return delete(key, owner, active, Math.min(diff, burstReplicas), ctx);
    }
    return Optional.empty();
  }

  private Optional<ReplicaStatus.Failure> create(ObjectKey key, T owner, int count, ControllerContext ctx) {
    Optional<PodTemplateSpec> template = kind.template(owner);
    if (template.isEmpty()) {
      return Optional.of(failure("FailedCreate", "no pod template", ctx));
    }
    AtomicReference<String> error = new AtomicReference<>();
    SlowStartBatch.run(count, SLOW_START_INITIAL_BATCH, WRITE_PARALLELISM, ctx.executor(), i -> {
      Pod pod = PodTemplates.podFor(owner, template.get(), OwnerReferences.newControllerRef(owner,
          kind.apiVersion(), kind.kind()));
      try {
        Pod created = ctx.client().resources(Pod.class).create(pod);
        expectations.expectCreated(key, created, ctx.clock().now());
        ctx.events().event(owner, EventType.NORMAL, "SuccessfulCreate", "Created pod: " + created.getMetadata().getName());
        return true;
      } catch (ApiException e) {
        String message = "Error creating: " + e.getMessage();
        ctx.events().event(owner, EventType.WARNING, "FailedCreate", message);
        error.compareAndSet(null, message);
        return false;
      }
    });
    // after a batch with a failure the rest of this sync's creations are skipped, as slowStartBatch does
    return Optional.ofNullable(error.get()).map(m -> failure("FailedCreate", m, ctx));
  }

  private Optional<ReplicaStatus.Failure> delete(ObjectKey key, T owner, List<Pod> active, int count,
      ControllerContext ctx) {
    List<Pod> doomed = new PodRanking(ReplicaSync.podsPerNode(active)).first(active, count);
    AtomicReference<String> error = new AtomicReference<>();
    // Kubernetes deletes the whole surplus at once (no slow start): one batch of all of them
    SlowStartBatch.run(doomed.size(), Math.max(1, doomed.size()), WRITE_PARALLELISM, ctx.executor(), i -> {
      Pod pod = doomed.get(i);
      try {
        ctx.client().resources(Pod.class).delete(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
            DeleteOptions.DEFAULTS.withPreconditionUid(pod.getMetadata().getUid()));
        expectations.expectDeleted(key, pod, ctx.clock().now());
        ctx.events().event(owner, EventType.NORMAL, "SuccessfulDelete", "Deleted pod: " + pod.getMetadata().getName());
        return true;
      } catch (NotFoundException gone) {
        return true; // already gone: nothing to expect
      } catch (ApiException e) {
        String message = "Error deleting: " + e.getMessage();
        ctx.events().event(owner, EventType.WARNING, "FailedDelete", message);
        error.compareAndSet(null, message);
        return false;
      }
    });
    return Optional.ofNullable(error.get()).map(m -> failure("FailedDelete", m, ctx));
  }

  private static ReplicaStatus.Failure failure(String reason, String message, ControllerContext ctx) {
    return new ReplicaStatus.Failure(reason, message, PodStates.formatTime(ctx.clock().now()));
  }
}
