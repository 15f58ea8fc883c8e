package io.capstan.plugins.admission.rbac;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.rbac.AggregationRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import java.util.List;
import java.util.Map;

/** Short builders for RBAC objects in tests. */
final class RbacObjects {

  static final String GROUP = "rbac.authorization.k8s.io";

  private RbacObjects() {}

  /** A resource rule: groups and resources comma-separated, verbs as given. */
  static PolicyRule rule(String groups, String resources, String... verbs) {
    return new PolicyRuleBuilder().withApiGroups(split(groups)).withResources(split(resources))
        .withVerbs(verbs).build();
  }

  static PolicyRule named(String groups, String resources, String names, String... verbs) {
    return new PolicyRuleBuilder(rule(groups, resources, verbs)).withResourceNames(split(names)).build();
  }

  static PolicyRule urls(String urls, String... verbs) {
    return new PolicyRuleBuilder().withNonResourceURLs(split(urls)).withVerbs(verbs).build();
  }

  static ClusterRole clusterRole(String name, Map<String, String> labels, List<PolicyRule> rules) {
    return new ClusterRoleBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
        .withRules(rules).build();
  }

  static ClusterRole aggregating(String name, String label) {
    return new ClusterRoleBuilder().withNewMetadata().withName(name).endMetadata()
        .withAggregationRule(new AggregationRuleBuilder().withClusterRoleSelectors(
            new LabelSelectorBuilder().withMatchLabels(Map.of(label, "true")).build()).build())
        .build();
  }

  static Role role(String namespace, String name, List<PolicyRule> rules) {
    return new RoleBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
        .withRules(rules).build();
  }

  static ClusterRoleBinding clusterBinding(String name, String clusterRole, Subject... subjects) {
    return new ClusterRoleBindingBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewRoleRef(GROUP, "ClusterRole", clusterRole).withSubjects(subjects).build();
  }

  static RoleBinding binding(String namespace, String name, String roleKind, String role,
      Subject... subjects) {
    return new RoleBindingBuilder().withNewMetadata().withNamespace(namespace).withName(name)
        .endMetadata().withNewRoleRef(GROUP, roleKind, role).withSubjects(subjects).build();
  }

  static Subject user(String name) {
    return new SubjectBuilder().withApiGroup(GROUP).withKind("User").withName(name).build();
  }

  static Subject group(String name) {
    return new SubjectBuilder().withApiGroup(GROUP).withKind("Group").withName(name).build();
  }

  static Subject serviceAccount(String namespace, String name) {
    return new SubjectBuilder().withKind("ServiceAccount").withNamespace(namespace).withName(name).build();
  }

  private static String[] split(String csv) {
    return csv.equals("") ? new String[] {""} : csv.split(",", -1);
  }
}
