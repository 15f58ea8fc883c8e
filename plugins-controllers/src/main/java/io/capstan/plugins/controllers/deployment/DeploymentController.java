package io.capstan.plugins.controllers.deployment;

import static java.util.Objects.requireNonNull;

import io.capstan.plugins.controllers.replicas.PodIndexes;
import io.capstan.plugins.controllers.replicas.PodOwnerMapper;
import io.capstan.spi.api.LabelSelectorSpec;
import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.api.OwnerReferences;
import io.capstan.spi.client.Lister;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.ControllerNames;
import io.capstan.spi.controller.ControllerSetup;
import io.capstan.spi.controller.Result;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Kubernetes' Deployment controller: one ReplicaSet per pod template (named by its
 * pod-template-hash), RollingUpdate within maxSurge/maxUnavailable or Recreate, revisions and
 * rollback (a template equal to an old revision's brings that ReplicaSet back as the newest
 * revision), revisionHistoryLimit, pause/resume, proportional scaling during a rollout, and status
 * with the Available and Progressing conditions that {@code kubectl rollout status} reads.
 */
public final class DeploymentController implements Controller {

  public static final String NAME = ControllerNames.DEPLOYMENT;

  static final Function<ReplicaSet, List<String>> RS_BY_CONTROLLER_UID = rs -> OwnerReferences.controllerOf(rs)
      .map(ref -> ref.getUid() == null ? List.<String>of() : List.of(ref.getUid())).orElse(List.of());
  static final Function<ReplicaSet, List<String>> RS_ORPHANS_BY_NAMESPACE = rs -> OwnerReferences.controllerOf(rs).isPresent()
      ? List.of() : List.of(rs.getMetadata().getNamespace() == null ? "" : rs.getMetadata().getNamespace());

  private final DeploymentConfig config;

  @Inject
  public DeploymentController(DeploymentConfig config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<? extends HasMetadata> primaryType() {
    return Deployment.class;
  }

  @Override
  public int defaultWorkers() {
    return config.workers();
  }

  @Override
  public void setup(ControllerSetup setup) {
    setup.index(ReplicaSet.class, DeploymentSync.RS_BY_CONTROLLER, RS_BY_CONTROLLER_UID);
    setup.index(ReplicaSet.class, DeploymentSync.RS_ORPHANS, RS_ORPHANS_BY_NAMESPACE);
    setup.index(Pod.class, PodIndexes.CONTROLLER_UID, PodIndexes.BY_CONTROLLER_UID);
    Lister<Deployment> deployments = setup.informers().sharedInformer(Deployment.class).lister();
    Lister<ReplicaSet> replicaSets = setup.informers().sharedInformer(ReplicaSet.class).lister();
    setup.watch(ReplicaSet.class, PodOwnerMapper.forKind("Deployment", deployments,
        d -> LabelSelectorSpec.fromFabric8(d.getSpec().getSelector())));
    // a Recreate rollout waits for the old pods to be gone, so their deletions wake it
    setup.watch(Pod.class, pod -> OwnerReferences.controllerOf(pod)
        .filter(ref -> "ReplicaSet".equals(ref.getKind()))
        .flatMap(ref -> replicaSets.get(pod.getMetadata().getNamespace(), ref.getName()))
        .flatMap(OwnerReferences::controllerOf)
        .filter(ref -> "Deployment".equals(ref.getKind()))
        .flatMap(ref -> deployments.get(pod.getMetadata().getNamespace(), ref.getName()))
        .filter(Deployments::recreate)
        .map(d -> Set.of(ObjectKey.of(d))).orElse(Set.of()));
  }

  @Override
  public Result reconcile(ObjectKey key, ControllerContext ctx) {
    try {
      return DeploymentSync.sync(key, ctx);
    } catch (NewReplicaSets.CollisionException collision) {
      return Result.requeue();
    }
  }
}
