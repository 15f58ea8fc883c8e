package io.capstan.plugins.admission.rbac;

import io.capstan.spi.api.LabelSelectorSpec;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.rbac.AggregationRule;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ClusterRole aggregation as Kubernetes' clusterrole-aggregation controller computes it: a
 * ClusterRole with an {@code aggregationRule} has the union of the rules of every other ClusterRole
 * matched by one of its selectors (selectors in order, matches by name, duplicates dropped). The
 * authorizer computes this itself from its cache, so aggregated roles work before the controller
 * has written them; nested aggregation (view into edit into admin) resolves transitively.
 */
final class RbacAggregation {

  private final Map<String, ClusterRole> byName = new LinkedHashMap<>();
  private final Map<String, List<PolicyRule>> resolved = new LinkedHashMap<>();

  private RbacAggregation(List<ClusterRole> roles) {
    roles.stream().sorted(Comparator.comparing(r -> r.getMetadata().getName()))
        .forEach(r -> byName.put(r.getMetadata().getName(), r));
  }

  /** The effective rules of every ClusterRole, by name. */
  static Map<String, List<PolicyRule>> effectiveRules(List<ClusterRole> roles) {
    RbacAggregation aggregation = new RbacAggregation(roles);
    Map<String, List<PolicyRule>> out = new LinkedHashMap<>();
    for (String name : aggregation.byName.keySet()) {
      out.put(name, aggregation.rulesOf(name, new HashSet<>()));
    }
    return out;
  }

  /** Whether the role's labels match one of the rule's selectors. */
  static boolean selects(AggregationRule rule, ClusterRole role) {
    if (rule == null || rule.getClusterRoleSelectors() == null) {
      return false;
    }
    Map<String, String> labels = role.getMetadata().getLabels() == null
        ? Map.of() : role.getMetadata().getLabels();
    for (LabelSelector selector : rule.getClusterRoleSelectors()) {
      if (selector != null && selectorOf(selector).matches(labels)) {
        return true;
      }
    }
    return false;
  }

  private static LabelSelectorSpec selectorOf(LabelSelector selector) {
    try {
      return LabelSelectorSpec.fromFabric8(selector);
    } catch (IllegalArgumentException invalid) {
      return LabelSelectorSpec.nothing(); // the API server validates; a bad one selects nothing
    }
  }

  private List<PolicyRule> rulesOf(String name, Set<String> visiting) {
    List<PolicyRule> done = resolved.get(name);
    if (done != null) {
      return done;
    }
    ClusterRole role = byName.get(name);
    List<PolicyRule> own = role.getRules() == null ? List.of() : role.getRules();
    if (role.getAggregationRule() == null || !visiting.add(name)) {
      return own; // not aggregated, or a cycle: use what is stored
    }
    List<PolicyRule> union = new ArrayList<>();
    for (LabelSelector selector : role.getAggregationRule().getClusterRoleSelectors() == null
        ? List.<LabelSelector>of() : role.getAggregationRule().getClusterRoleSelectors()) {
      if (selector == null) {
        continue;
      }
      LabelSelectorSpec spec = selectorOf(selector);
      for (ClusterRole other : byName.values()) {
        String otherName = other.getMetadata().getName();
        Map<String, String> labels = other.getMetadata().getLabels() == null
            ? Map.of() : other.getMetadata().getLabels();
        if (otherName.equals(name) || !spec.matches(labels)) {
          continue;
        }
        for (PolicyRule rule : rulesOf(otherName, visiting)) {
          if (rule != null && !union.contains(rule)) {
            union.add(rule);
          }
        }
      }
    }
    visiting.remove(name);
    List<PolicyRule> result = List.copyOf(union);
    resolved.put(name, result);
    return result;
  }
}
