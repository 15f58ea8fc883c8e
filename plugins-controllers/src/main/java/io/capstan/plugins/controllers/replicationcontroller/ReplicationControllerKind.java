package io.capstan.plugins.controllers.replicationcontroller;

import io.capstan.plugins.controllers.replicas.ReplicaOwnerKind;
import io.capstan.plugins.controllers.replicas.ReplicaStatus;
import io.capstan.spi.api.LabelSelectorSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerBuilder;
import io.fabric8.kubernetes.api.model.ReplicationControllerCondition;
import io.fabric8.kubernetes.api.model.ReplicationControllerConditionBuilder;
import io.fabric8.kubernetes.api.model.ReplicationControllerStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * v1 ReplicationController as a {@link ReplicaOwnerKind}: its selector is a plain label map and
 * defaults to the template's labels, as Kubernetes' defaulting does.
 */
public final class ReplicationControllerKind implements ReplicaOwnerKind<ReplicationController> {

  public static final ReplicationControllerKind INSTANCE = new ReplicationControllerKind();

  private ReplicationControllerKind() {}

  @Override
  public Class<ReplicationController> type() {
    return ReplicationController.class;
  }

  @Override
  public String kind() {
    return "ReplicationController";
  }

  @Override
  public String apiVersion() {
    return "v1";
  }

  @Override
  public int replicas(ReplicationController rc) {
    return rc.getSpec() == null || rc.getSpec().getReplicas() == null ? 1 : rc.getSpec().getReplicas();
  }

  @Override
  public LabelSelectorSpec selector(ReplicationController rc) {
    Map<String, String> selector = rc.getSpec() == null ? null : rc.getSpec().getSelector();
    if (selector == null || selector.isEmpty()) {
      selector = template(rc).map(t -> t.getMetadata() == null ? null : t.getMetadata().getLabels()).orElse(null);
    }
    // an empty selector selects nothing for a ReplicationController (labels.SelectorFromSet of nothing)
    return selector == null || selector.isEmpty() ? LabelSelectorSpec.nothing() : LabelSelectorSpec.matchingLabels(selector);
  }

  @Override
  public Optional<PodTemplateSpec> template(ReplicationController rc) {
    return Optional.ofNullable(rc.getSpec()).map(s -> s.getTemplate());
  }

  @Override
  public int minReadySeconds(ReplicationController rc) {
    return rc.getSpec() == null || rc.getSpec().getMinReadySeconds() == null ? 0 : rc.getSpec().getMinReadySeconds();
  }

  @Override
  public ReplicaStatus status(ReplicationController rc) {
    ReplicationControllerStatus s = rc.getStatus() == null ? new ReplicationControllerStatus() : rc.getStatus();
    Optional<ReplicaStatus.Failure> failure = s.getConditions() == null ? Optional.empty() : s.getConditions().stream()
        .filter(c -> "ReplicaFailure".equals(c.getType()) && "True".equals(c.getStatus())).findFirst()
        .map(c -> new ReplicaStatus.Failure(c.getReason(), c.getMessage(), c.getLastTransitionTime()));
    return new ReplicaStatus(zero(s.getReplicas()), zero(s.getFullyLabeledReplicas()), zero(s.getReadyReplicas()),
        zero(s.getAvailableReplicas()), s.getObservedGeneration() == null ? 0 : s.getObservedGeneration(), failure);
  }

  @Override
  public ReplicationController withStatus(ReplicationController rc, ReplicaStatus status) {
    List<ReplicationControllerCondition> conditions = new ArrayList<>();
    if (rc.getStatus() != null && rc.getStatus().getConditions() != null) {
      rc.getStatus().getConditions().stream().filter(c -> !"ReplicaFailure".equals(c.getType())).forEach(conditions::add);
    }
    status.failure().ifPresent(f -> conditions.add(new ReplicationControllerConditionBuilder().withType("ReplicaFailure")
        .withStatus("True").withReason(f.reason()).withMessage(f.message()).withLastTransitionTime(f.lastTransitionTime())
        .build()));
    return new ReplicationControllerBuilder(rc).withNewStatus()
        .withReplicas(status.replicas())
        .withFullyLabeledReplicas(status.fullyLabeledReplicas())
        .withReadyReplicas(status.readyReplicas())
        .withAvailableReplicas(status.availableReplicas())
        .withObservedGeneration(status.observedGeneration())
        .withConditions(conditions.isEmpty() ? null : conditions)
        .endStatus().build();
  }

  private static int zero(Integer value) {
    return value == null ? 0 : value;
  }
}
