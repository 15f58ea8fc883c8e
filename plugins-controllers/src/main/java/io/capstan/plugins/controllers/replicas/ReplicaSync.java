package io.capstan.plugins.controllers.replicas;

import static java.util.Objects.requireNonNull;

import io.capstan.plugins.controllers.shared.Expectations;
import io.capstan.spi.api.LabelSelectorSpec;
import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.client.ConflictException;
import io.capstan.spi.client.Lister;
import io.capstan.spi.client.SharedInformer;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.EventType;
import io.capstan.spi.controller.Result;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconcile of a ReplicaSet or ReplicationController (Kubernetes' {@code syncReplicaSet}):
 * claim pods, create or delete the difference once expectations are satisfied, then write status.
 * Thread-safe: per-key serialisation comes from the host's queue; the expectations are shared.
 */
public final class ReplicaSync<T extends HasMetadata> {

  private static final Logger LOG = LoggerFactory.getLogger(ReplicaSync.class);

  private final ReplicaOwnerKind<T> kind;
  private final Expectations expectations;
  private final int burstReplicas;

  public ReplicaSync(ReplicaOwnerKind<T> kind, Expectations expectations, int burstReplicas) {
    this.kind = requireNonNull(kind, "kind");
    this.expectations = requireNonNull(expectations, "expectations");
    if (burstReplicas <= 0) {
      throw new IllegalArgumentException("burstReplicas must be positive, got " + burstReplicas);
    }
    this.burstReplicas = burstReplicas;
  }

  public Expectations expectations() {
    return expectations;
  }

  public Result sync(ObjectKey key, ControllerContext ctx) {
    Optional<T> cached = ctx.lister(kind.type()).get(key.namespace(), key.name());
    if (cached.isEmpty()) {
      expectations.clear(key);
      return Result.done();
    }
    T owner = cached.get();
    Instant now = ctx.clock().now();
    SharedInformer<Pod> podInformer = ctx.informers().sharedInformer(Pod.class);
    Lister<Pod> pods = podInformer.lister();
    boolean satisfied = expectations.satisfied(key, pods, podInformer.lastSyncResourceVersion(), now);
    LabelSelectorSpec selector;
    try {
      selector = kind.selector(owner);
    } catch (IllegalArgumentException invalid) {
      ctx.events().event(owner, EventType.WARNING, "InvalidSelector", "invalid selector: " + invalid.getMessage());
      return Result.done();
    }
    List<Pod> candidates = new ArrayList<>(pods.byIndex(PodIndexes.CONTROLLER_UID, owner.getMetadata().getUid()));
    candidates.addAll(pods.byIndex(PodIndexes.ORPHANS, key.namespace()));
    List<Pod> claimed = OwnedClaimer.claim(owner, kind.apiVersion(), kind.kind(), selector, candidates,
        ctx.client().resources(Pod.class),
        (pod, refs) -> new io.fabric8.kubernetes.api.model.PodBuilder(pod).editMetadata().withOwnerReferences(refs)
            .endMetadata().build(),
        () -> canAdopt(owner, ctx));
    List<Pod> active = claimed.stream().filter(PodStates::isActive).toList();
    Optional<ReplicaStatus.Failure> failure = Optional.empty();
    if (satisfied && owner.getMetadata().getDeletionTimestamp() == null) {
      failure = new ReplicaScaler<>(kind, expectations, burstReplicas).manage(key, owner, active, ctx);
    }
    ReplicaStatus status = status(owner, active, failure, now);
    writeStatus(owner, status, ctx);
    if (failure.isPresent()) {
      return Result.error(new IllegalStateException(failure.get().message()));
    }
    int minReady = kind.minReadySeconds(owner);
    if (minReady > 0 && status.readyReplicas() == kind.replicas(owner)
        && status.availableReplicas() != kind.replicas(owner)) {
      return Result.requeueAfter(Duration.ofSeconds(minReady));
    }
    return Result.done();
  }

  /** Kubernetes' {@code RecheckDeletionTimestamp}: adopt only if the live owner is this one and not deleting. */
  private boolean canAdopt(T owner, ControllerContext ctx) {
    Optional<T> live = ctx.client().resources(kind.type()).get(owner.getMetadata().getNamespace(),
        owner.getMetadata().getName());
    return live.isPresent() && owner.getMetadata().getUid().equals(live.get().getMetadata().getUid())
        && live.get().getMetadata().getDeletionTimestamp() == null;
  }

  private ReplicaStatus status(T owner, List<Pod> active, Optional<ReplicaStatus.Failure> failure, Instant now) {
    Map<String, String> templateLabels = kind.template(owner).map(PodTemplateSpec::getMetadata)
        .map(m -> m.getLabels() == null ? Map.<String, String>of() : m.getLabels()).orElse(Map.of());
    int fullyLabeled = 0;
    int ready = 0;
    int available = 0;
    int minReady = kind.minReadySeconds(owner);
    for (Pod pod : active) {
      Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
      if (labels.entrySet().containsAll(templateLabels.entrySet())) {
        fullyLabeled++;
      }
      if (PodStates.isReady(pod)) {
        ready++;
        if (PodStates.isAvailable(pod, minReady, now)) {
          available++;
        }
      }
    }
    ReplicaStatus previous = kind.status(owner);
    Optional<ReplicaStatus.Failure> condition = failure.map(f -> previous.failure()
        .filter(p -> p.reason().equals(f.reason())).map(p -> new ReplicaStatus.Failure(f.reason(), f.message(),
            p.lastTransitionTime())).orElse(f));
    long generation = owner.getMetadata().getGeneration() == null ? 0 : owner.getMetadata().getGeneration();
    return new ReplicaStatus(active.size(), fullyLabeled, ready, available, generation, condition);
  }

  private void writeStatus(T owner, ReplicaStatus status, ControllerContext ctx) {
    if (kind.status(owner).sameAs(status)) {
      return;
    }
    try {
      ctx.client().resources(kind.type()).updateStatus(kind.withStatus(owner, status));
    } catch (ConflictException stale) {
      // the cache lags: write on the live object once, as Kubernetes' updateReplicaSetStatus retries
      Optional<T> live = ctx.client().resources(kind.type()).get(owner.getMetadata().getNamespace(),
          owner.getMetadata().getName());
      if (live.isPresent() && live.get().getMetadata().getUid().equals(owner.getMetadata().getUid())) {
        ctx.client().resources(kind.type()).updateStatus(kind.withStatus(live.get(), status));
      }
    }
    LOG.debug("{} {}/{}: status replicas={} ready={} available={}", kind.kind(), owner.getMetadata().getNamespace(),
        owner.getMetadata().getName(), status.replicas(), status.readyReplicas(), status.availableReplicas());
  }

  /** How many related active pods each node holds, the rank used when choosing pods to delete. */
  static Map<String, Integer> podsPerNode(List<Pod> pods) {
    Map<String, Integer> out = new HashMap<>();
    for (Pod pod : pods) {
      String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
      if (node != null && !node.isEmpty()) {
        out.merge(node, 1, Integer::sum);
      }
    }
    return new LinkedHashMap<>(out);
  }
}
