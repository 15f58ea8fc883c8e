package io.capstan.plugins.controllers.replicaset;

import io.capstan.plugins.controllers.replicas.ReplicaOwnerKind;
import io.capstan.plugins.controllers.replicas.ReplicaStatus;
import io.capstan.spi.api.LabelSelectorSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** apps/v1 ReplicaSet as a {@link ReplicaOwnerKind}. */
public final class ReplicaSetKind implements ReplicaOwnerKind<ReplicaSet> {

  public static final ReplicaSetKind INSTANCE = new ReplicaSetKind();

  private ReplicaSetKind() {}

  @Override
  public Class<ReplicaSet> type() {
    return ReplicaSet.class;
  }

  @Override
  public String kind() {
    return "ReplicaSet";
  }

  @Override
  public String apiVersion() {
    return "apps/v1";
  }

  @Override
  public int replicas(ReplicaSet rs) {
    return rs.getSpec() == null || rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
  }

  @Override
  public LabelSelectorSpec selector(ReplicaSet rs) {
    return LabelSelectorSpec.fromFabric8(rs.getSpec() == null ? null : rs.getSpec().getSelector());
  }

  @Override
  public Optional<PodTemplateSpec> template(ReplicaSet rs) {
    return Optional.ofNullable(rs.getSpec()).map(s -> s.getTemplate());
  }

  @Override
  public int minReadySeconds(ReplicaSet rs) {
    return rs.getSpec() == null || rs.getSpec().getMinReadySeconds() == null ? 0 : rs.getSpec().getMinReadySeconds();
  }

  @Override
  public ReplicaStatus status(ReplicaSet rs) {
    ReplicaSetStatus s = rs.getStatus() == null ? new ReplicaSetStatus() : rs.getStatus();
    Optional<ReplicaStatus.Failure> failure = s.getConditions() == null ? Optional.empty() : s.getConditions().stream()
        .filter(c -> "ReplicaFailure".equals(c.getType()) && "True".equals(c.getStatus())).findFirst()
        .map(c -> new ReplicaStatus.Failure(c.getReason(), c.getMessage(), c.getLastTransitionTime()));
    return new ReplicaStatus(zero(s.getReplicas()), zero(s.getFullyLabeledReplicas()), zero(s.getReadyReplicas()),
        zero(s.getAvailableReplicas()), s.getObservedGeneration() == null ? 0 : s.getObservedGeneration(), failure);
  }

  @Override
  public ReplicaSet withStatus(ReplicaSet rs, ReplicaStatus status) {
    List<ReplicaSetCondition> conditions = new ArrayList<>();
    if (rs.getStatus() != null && rs.getStatus().getConditions() != null) {
      rs.getStatus().getConditions().stream().filter(c -> !"ReplicaFailure".equals(c.getType())).forEach(conditions::add);
    }
    status.failure().ifPresent(f -> conditions.add(new ReplicaSetConditionBuilder().withType("ReplicaFailure")
        .withStatus("True").withReason(f.reason()).withMessage(f.message()).withLastTransitionTime(f.lastTransitionTime())
        .build()));
    return new ReplicaSetBuilder(rs).withNewStatus()
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
