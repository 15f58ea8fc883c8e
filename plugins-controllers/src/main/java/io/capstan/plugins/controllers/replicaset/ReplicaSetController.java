package io.capstan.plugins.controllers.replicaset;

import static java.util.Objects.requireNonNull;

import io.capstan.plugins.controllers.shared.Expectations;
import io.capstan.plugins.controllers.replicas.PodIndexes;
import io.capstan.plugins.controllers.replicas.PodOwnerMapper;
import io.capstan.plugins.controllers.replicas.ReplicaSync;
import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.ControllerNames;
import io.capstan.spi.controller.ControllerSetup;
import io.capstan.spi.controller.Result;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import jakarta.inject.Inject;

/**
 * Keeps {@code spec.replicas} pods of each ReplicaSet's template running (Kubernetes'
 * {@code replicaset} controller): adopts matching orphans, releases pods that stop matching,
 * creates in slow-start batches and deletes in Kubernetes' order, with expectations so a slow watch
 * never causes a second round of writes, and reports replicas, fullyLabeledReplicas, readyReplicas,
 * availableReplicas, observedGeneration and the ReplicaFailure condition.
 */
public final class ReplicaSetController implements Controller {

  public static final String NAME = ControllerNames.REPLICASET;

  private final ReplicaSetConfig config;
  private final ReplicaSync<ReplicaSet> sync;

  @Inject
  public ReplicaSetController(ReplicaSetConfig config) {
    this.config = requireNonNull(config, "config");
    this.sync = new ReplicaSync<>(ReplicaSetKind.INSTANCE, new Expectations(), config.burstReplicas());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<? extends HasMetadata> primaryType() {
    return ReplicaSet.class;
  }

  @Override
  public int defaultWorkers() {
    return config.workers();
  }

  @Override
  public void setup(ControllerSetup setup) {
    setup.index(Pod.class, PodIndexes.CONTROLLER_UID, PodIndexes.BY_CONTROLLER_UID);
    setup.index(Pod.class, PodIndexes.ORPHANS, PodIndexes.ORPHANS_BY_NAMESPACE);
    setup.watch(Pod.class, PodOwnerMapper.of("ReplicaSet",
        setup.informers().sharedInformer(ReplicaSet.class).lister(), ReplicaSetKind.INSTANCE::selector));
  }

  @Override
  public Result reconcile(ObjectKey key, ControllerContext ctx) {
    return sync.sync(key, ctx);
  }

  /** The expectations, for tests that look at what the controller is waiting for. */
  public Expectations expectations() {
    return sync.expectations();
  }
}
