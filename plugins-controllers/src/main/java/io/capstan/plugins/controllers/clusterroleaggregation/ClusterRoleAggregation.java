package io.capstan.plugins.controllers.clusterroleaggregation;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.api.DeepCopy;
import io.capstan.spi.api.LabelSelectorSpec;
import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.client.ConflictException;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.client.Lister;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.ControllerSetup;
import io.capstan.spi.controller.EventMapper;
import io.capstan.spi.controller.Result;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' {@code clusterrole-aggregation} controller: a ClusterRole with an
 * {@code aggregationRule} gets, as its {@code rules}, the union of the rules of every other
 * ClusterRole one of its selectors matches (selectors in order, roles by name, duplicates dropped),
 * kept current as ClusterRoles come, change and go. Nested aggregation (view into edit into admin)
 * converges through successive updates, as in Kubernetes.
 */
public final class ClusterRoleAggregation implements Controller {

  public static final String NAME = "clusterrole-aggregation";

  private static final Logger LOG = LoggerFactory.getLogger(ClusterRoleAggregation.class);

  private final Provider<InformerFactory> informers;

  @Inject
  public ClusterRoleAggregation(Provider<InformerFactory> informers) {
    this.informers = requireNonNull(informers, "informers");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<? extends HasMetadata> primaryType() {
    return ClusterRole.class;
  }

  /** Any ClusterRole change may change any aggregated role: each of them is looked at again. */
  @Override
  public void setup(ControllerSetup setup) {
    setup.watch(ClusterRole.class, aggregatorsOf(informers.get().sharedInformer(ClusterRole.class).lister()));
  }

  /** Maps any ClusterRole to the keys of every ClusterRole with an aggregationRule. */
  static EventMapper<ClusterRole> aggregatorsOf(Lister<ClusterRole> lister) {
    return changed -> lister.list("", role -> role.getAggregationRule() != null).stream()
        .map(ObjectKey::of).collect(Collectors.toSet());
  }

  @Override
  public Result reconcile(ObjectKey key, ControllerContext ctx) {
    Lister<ClusterRole> lister = ctx.lister(ClusterRole.class);
    ClusterRole role = lister.get("", key.name()).orElse(null);
    if (role == null || role.getAggregationRule() == null) {
      return Result.done();
    }
    List<PolicyRule> rules = aggregate(role, lister.list(""));
    List<PolicyRule> stored = role.getRules() == null ? List.of() : role.getRules();
    if (rules.equals(stored)) {
      return Result.done();
    }
    ClusterRole updated = DeepCopy.of(role);
    updated.setRules(rules);
    try {
      ctx.client().resources(ClusterRole.class).update(updated);
      LOG.info("clusterrole {}: aggregated {} rules", key, rules.size());
    } catch (ConflictException stale) {
      return Result.requeue();
    } catch (NotFoundException gone) {
      return Result.done();
    }
    return Result.done();
  }

  /** The union of the stored rules of the other ClusterRoles the role's selectors match. */
  static List<PolicyRule> aggregate(ClusterRole role, List<ClusterRole> all) {
    List<ClusterRole> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparing(r -> r.getMetadata().getName()));
    List<PolicyRule> union = new ArrayList<>();
    List<LabelSelector> selectors = role.getAggregationRule().getClusterRoleSelectors() == null
        ? List.of() : role.getAggregationRule().getClusterRoleSelectors();
    for (LabelSelector selector : selectors) {
      LabelSelectorSpec spec = spec(selector);
      for (ClusterRole other : sorted) {
        Map<String, String> labels = other.getMetadata().getLabels() == null
            ? Map.of() : other.getMetadata().getLabels();
        if (other.getMetadata().getName().equals(role.getMetadata().getName()) || !spec.matches(labels)) {
          continue;
        }
        for (PolicyRule rule : other.getRules() == null ? List.<PolicyRule>of() : other.getRules()) {
          if (rule != null && !union.contains(rule)) {
            union.add(rule);
          }
        }
      }
    }
    return union;
  }

  private static LabelSelectorSpec spec(LabelSelector selector) {
    if (selector == null) {
      return LabelSelectorSpec.nothing();
    }
    try {
      return LabelSelectorSpec.fromFabric8(selector);
    } catch (IllegalArgumentException invalid) {
      return LabelSelectorSpec.nothing();
    }
  }
}
