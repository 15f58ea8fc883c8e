package io.capstan.runtime.apiserver.resource;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.apiserver.errors.ApiErrors;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.LabelSelectorSpec;
import io.capstan.spi.api.ResourceKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The eviction check of Kubernetes' eviction subresource: a running pod selected by a
 * PodDisruptionBudget may be evicted only while the budget allows a disruption, and the eviction
 * uses one up (with optimistic concurrency, so two evictions cannot both spend the last one).
 */
final class DisruptionBudgets {

  static final String VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";

  private final ResourceReads reads;
  private final ResourceWrites writes;
  private final Optional<ResourceKind> budgets;

  DisruptionBudgets(KindRegistry kinds, ResourceReads reads, ResourceWrites writes) {
    this.reads = requireNonNull(reads, "reads");
    this.writes = requireNonNull(writes, "writes");
    this.budgets = kinds.forClass(PodDisruptionBudget.class);
  }

  /** Spends one disruption of the pod's budget, or refuses with 429 TooManyRequests. */
  void spendOne(ApiRequest request, Pod pod) {
    String phase = pod.getStatus() == null ? "" : pod.getStatus().getPhase();
    if (budgets.isEmpty() || "Succeeded".equals(phase) || "Failed".equals(phase)) {
      return; // a finished pod disrupts nothing
    }
    ApiRequest budgetScope = ApiRequest.of(budgets.get(), request.namespace(), "", request.user());
    Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
    List<HasMetadata> matching = reads.list(budgetScope, ListQuery.ALL).items().stream()
        .filter(b -> LabelSelectorSpec.fromFabric8(((PodDisruptionBudget) b).getSpec().getSelector()).matches(labels))
        .toList();
    if (matching.isEmpty()) {
      return;
    }
    if (matching.size() > 1) {
      throw ApiErrors.internal("This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
    }
    PodDisruptionBudget budget = (PodDisruptionBudget) matching.get(0);
    String name = budget.getMetadata().getName();
    writes.modify(budgetScope.withName(name).withSubresource("status"), true, current -> {
      PodDisruptionBudget pdb = (PodDisruptionBudget) current;
      var status = pdb.getStatus();
      long generation = pdb.getMetadata().getGeneration() == null ? 0 : pdb.getMetadata().getGeneration();
      if (status == null || status.getObservedGeneration() == null || status.getObservedGeneration() < generation) {
        throw ApiErrors.tooManyRequests(VIOLATION, "DisruptionBudget",
            "The disruption budget " + name + " is still being processed by the server.");
      }
      int allowed = status.getDisruptionsAllowed() == null ? 0 : status.getDisruptionsAllowed();
      if (allowed <= 0) {
        throw ApiErrors.tooManyRequests(VIOLATION, "DisruptionBudget", "The disruption budget " + name + " needs "
            + status.getDesiredHealthy() + " healthy pods and has " + status.getCurrentHealthy() + " currently");
      }
      status.setDisruptionsAllowed(allowed - 1);
      return pdb;
    });
  }
}
