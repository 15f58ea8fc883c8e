package io.capstan.plugins.controllers.daemonset;

import io.capstan.plugins.controllers.shared.Expectations;
import io.capstan.spi.api.DeepCopy;
import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.api.OwnerReferences;
import io.capstan.spi.client.DeleteOptions;
import io.capstan.spi.client.Lister;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.ControllerNames;
import io.capstan.spi.controller.ControllerSetup;
import io.capstan.spi.controller.EventMappers;
import io.capstan.spi.controller.EventType;
import io.capstan.spi.controller.Result;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Kubernetes' DaemonSet controller: one pod on every node the DaemonSet fits (nodeSelector, node
 * affinity, taints against its tolerations and the default daemon tolerations), following nodes as
 * they join, change and leave; RollingUpdate with maxUnavailable/maxSurge, or OnDelete;
 * ControllerRevisions; Kubernetes' status counters.
 */
public final class DaemonSetController implements Controller {

  static final String OWNER_INDEX = "daemonset.controller-uid";
  private final Expectations expectations = new Expectations();
  private final NodeChanges nodeChanges = new NodeChanges();
  private volatile Lister<DaemonSet> daemonSets;
  private volatile Lister<Node> nodes;

  @Override
  public String name() {
    return ControllerNames.DAEMONSET;
  }

  @Override
  public Class<DaemonSet> primaryType() {
    return DaemonSet.class;
  }

  @Override
  public void setup(ControllerSetup setup) {
    setup.watch(Pod.class, EventMappers.controllerOwner("DaemonSet"));
    // a node that joins, leaves, or changes what daemons care about wakes every DaemonSet;
    // heartbeats do not (NodeChanges); the listers are captured on first reconcile, and every
    // DaemonSet is reconciled at start-up, so no node state is missed before that
    setup.watch(Node.class, node -> {
      Lister<DaemonSet> lister = daemonSets;
      Lister<Node> nodeLister = nodes;
      if (lister == null || nodeLister == null || !nodeChanges.changed(node, nodeLister)) {
        return Set.of();
      }
      return lister.list("").stream().map(ObjectKey::of).collect(Collectors.toSet());
    });
    setup.read(ControllerRevision.class);
    setup.index(Pod.class, OWNER_INDEX, DaemonSetController::ownerUid);
    setup.index(ControllerRevision.class, OWNER_INDEX, DaemonSetController::ownerUid);
  }

  private static List<String> ownerUid(HasMetadata object) {
    return OwnerReferences.controllerOf(object).filter(r -> "DaemonSet".equals(r.getKind()))
        .map(r -> List.of(r.getUid())).orElse(List.of());
  }

  @Override
  public Result reconcile(ObjectKey key, ControllerContext ctx) {
    daemonSets = ctx.lister(DaemonSet.class);
    nodes = ctx.lister(Node.class);
    Optional<DaemonSet> cached = daemonSets.get(key.namespace(), key.name());
    if (cached.isEmpty() || cached.get().getMetadata().getDeletionTimestamp() != null) {
      expectations.clear(key);
      return Result.done();
    }
    DaemonSet set = cached.get();
    String uid = set.getMetadata().getUid();
    List<Pod> pods = ctx.lister(Pod.class).byIndex(OWNER_INDEX, uid);
    var podInformer = ctx.informers().sharedInformer(Pod.class);
    if (!expectations.satisfied(key, podInformer.lister(), podInformer.lastSyncResourceVersion(), ctx.clock().now())) {
      return Result.requeueAfter(Expectations.TIMEOUT);
    }
    List<ControllerRevision> revisions = ctx.lister(ControllerRevision.class).byIndex(OWNER_INDEX, uid);
    ControllerRevision revision = DaemonSetRevisions.ensure(set, revisions, ctx);
    String hash = revision.getMetadata().getLabels().get(DaemonSetRevisions.HASH_LABEL);
    Map<String, List<Pod>> byNode = new HashMap<>();
    List<Pod> orphans = new ArrayList<>();
    for (Pod pod : pods) {
      Optional<String> node = DaemonSetPods.nodeOf(pod);
      if (node.isPresent()) {
        byNode.computeIfAbsent(node.get(), n -> new ArrayList<>()).add(pod);
      } else {
        orphans.add(pod);
      }
    }
    byNode.values().forEach(list -> list.sort(Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp())));
    DaemonSetPlan plan = new DaemonSetPlan(set, hash, ctx.lister(Node.class).list(""), byNode, ctx.clock().now());
    plan.decide();
    List<Pod> created = new ArrayList<>();
    List<Pod> deleted = new ArrayList<>();
    List<Pod> doomed = new ArrayList<>(plan.deletions());
    doomed.addAll(orphans);
    for (Pod pod : doomed) {
      delete(ctx, set, pod);
      deleted.add(pod);
    }
    for (String node : plan.creations()) {
      Pod pod = ctx.client().resources(Pod.class).create(DaemonSetPods.newPod(set, set.getSpec().getTemplate(), hash, node));
      ctx.events().eventf(set, EventType.NORMAL, "SuccessfulCreate", "Created pod: %s", pod.getMetadata().getName());
      created.add(pod);
    }
    expectations.expect(key, created, deleted, ctx.clock().now());
    Set<String> live = new HashSet<>(List.of(revision.getMetadata().getName()));
    revisions.stream().filter(r -> pods.stream().anyMatch(p -> DaemonSetPods.hash(p)
        .equals(r.getMetadata().getLabels() == null ? null : r.getMetadata().getLabels().get(DaemonSetRevisions.HASH_LABEL))))
        .forEach(r -> live.add(r.getMetadata().getName()));
    DaemonSetRevisions.prune(set, revisions, live, ctx);
    DaemonSetStatus status = plan.status();
    if (!status.equals(set.getStatus())) {
      DaemonSet copy = DeepCopy.of(set);
      copy.setStatus(status);
      ctx.client().resources(DaemonSet.class).updateStatus(copy);
    }
    return plan.recheck().map(Result::requeueAfter).orElse(Result.done());
  }

  private static void delete(ControllerContext ctx, DaemonSet set, Pod pod) {
    try {
      ctx.client().resources(Pod.class).delete(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
          DeleteOptions.DEFAULTS.withPreconditionUid(pod.getMetadata().getUid()));
      ctx.events().eventf(set, EventType.NORMAL, "SuccessfulDelete", "Deleted pod: %s", pod.getMetadata().getName());
    } catch (NotFoundException gone) {
      // already gone
    }
  }
}
