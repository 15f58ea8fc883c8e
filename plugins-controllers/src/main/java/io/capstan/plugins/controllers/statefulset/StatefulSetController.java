package io.capstan.plugins.controllers.statefulset;

import io.capstan.spi.api.DeepCopy;
import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.api.OwnerReferences;
import io.capstan.spi.client.AlreadyExistsException;
import io.capstan.spi.client.DeleteOptions;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.ControllerNames;
import io.capstan.spi.controller.ControllerSetup;
import io.capstan.spi.controller.EventMappers;
import io.capstan.spi.controller.EventType;
import io.capstan.spi.controller.Result;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Kubernetes' StatefulSet controller: pods {@code <set>-0..n-1} with stable hostnames, created in
 * order (OrderedReady: the next only when the previous is Running and Ready; Parallel: all at once),
 * removed highest ordinal first, and updated highest ordinal first down to the partition
 * (RollingUpdate) or only when the user deletes them (OnDelete). volumeClaimTemplates are kept on
 * the object but no PersistentVolumeClaims are created.
 */
public final class StatefulSetController implements Controller {

  static final String OWNER_INDEX = "statefulset.controller-uid";

  @Override
  public String name() {
    return ControllerNames.STATEFULSET;
  }

  @Override
  public Class<StatefulSet> primaryType() {
    return StatefulSet.class;
  }

  @Override
  public void setup(ControllerSetup setup) {
    setup.watch(Pod.class, EventMappers.controllerOwner("StatefulSet"));
    setup.watch(ControllerRevision.class, EventMappers.controllerOwner("StatefulSet"));
    setup.index(Pod.class, OWNER_INDEX, StatefulSetController::ownerUid);
    setup.index(ControllerRevision.class, OWNER_INDEX, StatefulSetController::ownerUid);
  }

  private static List<String> ownerUid(HasMetadata object) {
    return OwnerReferences.controllerOf(object).filter(r -> "StatefulSet".equals(r.getKind()))
        .map(r -> List.of(r.getUid())).orElse(List.of());
  }

  @Override
  public Result reconcile(ObjectKey key, ControllerContext ctx) {
    Optional<StatefulSet> cached = ctx.lister(StatefulSet.class).get(key.namespace(), key.name());
    if (cached.isEmpty() || cached.get().getMetadata().getDeletionTimestamp() != null) {
      return Result.done();
    }
    StatefulSet set = cached.get();
    String uid = set.getMetadata().getUid();
    List<ControllerRevision> revisions = ctx.lister(ControllerRevision.class).byIndex(OWNER_INDEX, uid);
    ControllerRevision update = StatefulSetRevisions.ensure(set, revisions, ctx);
    String updateRevision = update.getMetadata().getName();
    StatefulSetStatus old = set.getStatus() == null ? new StatefulSetStatus() : set.getStatus();
    String currentRevision = old.getCurrentRevision() == null || old.getCurrentRevision().isEmpty()
        || revisions.stream().noneMatch(r -> r.getMetadata().getName().equals(old.getCurrentRevision()))
        ? updateRevision : old.getCurrentRevision();
    PodTemplateSpec currentTemplate = revisions.stream().filter(r -> r.getMetadata().getName().equals(currentRevision))
        .findFirst().map(StatefulSetRevisions::template).orElse(set.getSpec().getTemplate());

    TreeMap<Integer, Pod> pods = new TreeMap<>();
    for (Pod pod : ctx.lister(Pod.class).byIndex(OWNER_INDEX, uid)) {
      StatefulSetPods.ordinal(set, pod).ifPresent(i -> pods.put(i, pod));
    }
    Instant now = ctx.clock().now();
    StatefulSetPlan plan = new StatefulSetPlan(set, pods, currentRevision, updateRevision, currentTemplate, now);
    plan.decide();
    for (Pod doomed : plan.deletions()) {
      delete(ctx, set, doomed);
    }
    for (int ordinal : plan.creations()) {
      create(ctx, set, plan.templateFor(ordinal), plan.revisionFor(ordinal), ordinal);
    }
    Set<String> live = new HashSet<>(List.of(currentRevision, updateRevision));
    pods.values().forEach(p -> live.add(StatefulSetPods.revision(p)));
    StatefulSetRevisions.prune(set, revisions, live, ctx);
    writeStatus(ctx, set, plan.status(old));
    Duration wait = plan.availabilityRecheck();
    return wait.isZero() ? Result.done() : Result.requeueAfter(wait);
  }

  private static void create(ControllerContext ctx, StatefulSet set, PodTemplateSpec template, String revision, int ordinal) {
    Pod pod = StatefulSetPods.newPod(set, template, revision, ordinal);
    try {
      ctx.client().resources(Pod.class).create(pod);
      ctx.events().eventf(set, EventType.NORMAL, "SuccessfulCreate", "create Pod %s in StatefulSet %s successful",
          pod.getMetadata().getName(), set.getMetadata().getName());
    } catch (AlreadyExistsException stale) {
      // the cache had not seen it yet (or the old one is still going): next event settles it
    }
  }

  private static void delete(ControllerContext ctx, StatefulSet set, Pod pod) {
    try {
      ctx.client().resources(Pod.class).delete(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
          DeleteOptions.DEFAULTS.withPreconditionUid(pod.getMetadata().getUid()));
      ctx.events().eventf(set, EventType.NORMAL, "SuccessfulDelete", "delete Pod %s in StatefulSet %s successful",
          pod.getMetadata().getName(), set.getMetadata().getName());
    } catch (NotFoundException gone) {
      // already gone
    }
  }

  private static void writeStatus(ControllerContext ctx, StatefulSet set, StatefulSetStatus status) {
    if (status.equals(set.getStatus())) {
      return;
    }
    StatefulSet copy = DeepCopy.of(set);
    copy.setStatus(status);
    ctx.client().resources(StatefulSet.class).updateStatus(copy);
  }
}
