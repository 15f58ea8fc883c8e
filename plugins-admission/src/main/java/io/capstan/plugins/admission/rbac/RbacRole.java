package io.capstan.plugins.admission.rbac;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.List;

/**
 * A Role or ClusterRole as the authorizer evaluates it: its effective rules, prepared for
 * matching. For a ClusterRole with an aggregationRule these are the aggregated rules.
 */
record RbacRole(String kind, String namespace, String name, List<RbacRule> rules) {

  RbacRole {
    requireNonNull(kind, "kind");
    requireNonNull(namespace, "namespace");
    requireNonNull(name, "name");
    rules = List.copyOf(rules);
  }

  static RbacRole of(String kind, String namespace, String name, List<PolicyRule> rules) {
    return new RbacRole(kind, namespace, name,
        rules == null ? List.of() : rules.stream().filter(r -> r != null).map(RbacRule::of).toList());
  }

  List<PolicyRule> policyRules() {
    return rules.stream().map(RbacRule::source).toList();
  }
}
