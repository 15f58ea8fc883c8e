package io.capstan.plugins.admission.rbac;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.rbac.AggregationRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' default ClusterRoles and ClusterRoleBindings (its {@code bootstrappolicy}): the
 * user-facing roles {@code cluster-admin}, {@code admin}, {@code edit} and {@code view} (the last
 * three aggregated from {@code system:aggregate-to-*}), discovery, basic-user and public-info for
 * every user. Every object carries {@code kubernetes.io/bootstrapping: rbac-defaults} and
 * {@code rbac.authorization.kubernetes.io/autoupdate: "true"}.
 */
final class RbacBootstrapPolicy {

  static final String AUTOUPDATE = "rbac.authorization.kubernetes.io/autoupdate";
  static final String BOOTSTRAPPING = "kubernetes.io/bootstrapping";
  static final String AGGREGATE_TO = "rbac.authorization.k8s.io/aggregate-to-";

  private static final String[] READ = {"get", "list", "watch"};
  private static final String[] WRITE = {"create", "delete", "deletecollection", "patch", "update"};
  private static final String[] READ_WRITE =
      {"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"};

  private RbacBootstrapPolicy() {}

  static List<ClusterRole> clusterRoles() {
    List<ClusterRole> roles = new ArrayList<>();
    roles.add(role("cluster-admin", Map.of(),
        rule(new String[] {"*"}, new String[] {"*"}, "*"),
        new PolicyRuleBuilder().withNonResourceURLs("*").withVerbs("*").build()));
    roles.add(aggregated("admin", Map.of(), "admin"));
    roles.add(aggregated("edit", Map.of(AGGREGATE_TO + "admin", "true"), "edit"));
    roles.add(aggregated("view", Map.of(AGGREGATE_TO + "edit", "true"), "view"));
    roles.add(role("system:aggregate-to-admin", Map.of(AGGREGATE_TO + "admin", "true"),
        rule(new String[] {"authorization.k8s.io"}, new String[] {"localsubjectaccessreviews"}, "create"),
        rule(new String[] {"rbac.authorization.k8s.io"}, new String[] {"rolebindings", "roles"}, READ_WRITE)));
    roles.add(role("system:aggregate-to-edit", Map.of(AGGREGATE_TO + "edit", "true"), editRules()));
    roles.add(role("system:aggregate-to-view", Map.of(AGGREGATE_TO + "view", "true"), viewRules()));
    roles.add(role("system:discovery", Map.of(), new PolicyRuleBuilder()
        .withNonResourceURLs("/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi",
            "/openapi/*", "/readyz", "/version", "/version/")
        .withVerbs("get").build()));
    roles.add(role("system:basic-user", Map.of(),
        rule(new String[] {"authorization.k8s.io"},
            new String[] {"selfsubjectaccessreviews", "selfsubjectrulesreviews"}, "create"),
        rule(new String[] {"authentication.k8s.io"}, new String[] {"selfsubjectreviews"}, "create")));
    roles.add(role("system:public-info-viewer", Map.of(), new PolicyRuleBuilder()
        .withNonResourceURLs("/healthz", "/livez", "/readyz", "/version", "/version/")
        .withVerbs("get").build()));
    return roles;
  }

  static List<ClusterRoleBinding> clusterRoleBindings() {
    return List.of(
        binding("cluster-admin", group("system:masters")),
        binding("system:basic-user", group("system:authenticated")),
        binding("system:discovery", group("system:authenticated")),
        binding("system:public-info-viewer", group("system:authenticated"),
            group("system:unauthenticated")));
  }

  private static PolicyRule[] editRules() {
    return new PolicyRule[] {
        rule(core(), new String[] {"pods/attach", "pods/exec", "pods/portforward", "pods/proxy",
            "secrets", "services/proxy"}, READ),
        rule(core(), new String[] {"serviceaccounts"}, "impersonate"),
        rule(core(), new String[] {"pods", "pods/attach", "pods/exec", "pods/portforward",
            "pods/proxy"}, WRITE),
        rule(core(), new String[] {"pods/eviction"}, "create"),
        rule(core(), new String[] {"configmaps", "events", "persistentvolumeclaims",
            "replicationcontrollers", "replicationcontrollers/scale", "secrets", "serviceaccounts",
            "services", "services/proxy"}, WRITE),
        rule(core(), new String[] {"serviceaccounts/token"}, "create"),
        rule(new String[] {"apps"}, new String[] {"daemonsets", "deployments",
            "deployments/rollback", "deployments/scale", "replicasets", "replicasets/scale",
            "statefulsets", "statefulsets/scale"}, WRITE),
        rule(new String[] {"autoscaling"}, new String[] {"horizontalpodautoscalers"}, WRITE),
        rule(new String[] {"batch"}, new String[] {"cronjobs", "jobs"}, WRITE),
        rule(new String[] {"policy"}, new String[] {"poddisruptionbudgets"}, WRITE),
        rule(new String[] {"networking.k8s.io"}, new String[] {"ingresses", "networkpolicies"}, WRITE),
        rule(new String[] {"coordination.k8s.io"}, new String[] {"leases"}, READ_WRITE)};
  }

  private static PolicyRule[] viewRules() {
    return new PolicyRule[] {
        rule(core(), new String[] {"configmaps", "endpoints", "persistentvolumeclaims",
            "persistentvolumeclaims/status", "pods", "replicationcontrollers",
            "replicationcontrollers/scale", "serviceaccounts", "services", "services/status"}, READ),
        rule(core(), new String[] {"bindings", "events", "limitranges", "namespaces/status",
            "pods/log", "pods/status", "replicationcontrollers/status", "resourcequotas",
            "resourcequotas/status"}, READ),
        rule(core(), new String[] {"namespaces"}, READ),
        rule(new String[] {"discovery.k8s.io"}, new String[] {"endpointslices"}, READ),
        rule(new String[] {"apps"}, new String[] {"controllerrevisions", "daemonsets",
            "daemonsets/status", "deployments", "deployments/scale", "deployments/status",
            "replicasets", "replicasets/scale", "replicasets/status", "statefulsets",
            "statefulsets/scale", "statefulsets/status"}, READ),
        rule(new String[] {"autoscaling"}, new String[] {"horizontalpodautoscalers",
            "horizontalpodautoscalers/status"}, READ),
        rule(new String[] {"batch"}, new String[] {"cronjobs", "cronjobs/status", "jobs",
            "jobs/status"}, READ),
        rule(new String[] {"policy"}, new String[] {"poddisruptionbudgets",
            "poddisruptionbudgets/status"}, READ),
        rule(new String[] {"networking.k8s.io"}, new String[] {"ingresses", "ingresses/status",
            "networkpolicies"}, READ)};
  }

  private static String[] core() {
    return new String[] {""};
  }

  private static PolicyRule rule(String[] groups, String[] resources, String... verbs) {
    return new PolicyRuleBuilder().withApiGroups(groups).withResources(resources)
        .withVerbs(verbs).build();
  }

  private static ClusterRole role(String name, Map<String, String> labels, PolicyRule... rules) {
    return new ClusterRoleBuilder().withNewMetadata().withName(name).withLabels(labels(labels))
        .withAnnotations(Map.of(AUTOUPDATE, "true")).endMetadata().withRules(rules).build();
  }

  private static ClusterRole aggregated(String name, Map<String, String> labels, String from) {
    return new ClusterRoleBuilder().withNewMetadata().withName(name).withLabels(labels(labels))
        .withAnnotations(Map.of(AUTOUPDATE, "true")).endMetadata()
        .withAggregationRule(new AggregationRuleBuilder().withClusterRoleSelectors(
            new LabelSelectorBuilder().withMatchLabels(Map.of(AGGREGATE_TO + from, "true")).build())
            .build())
        .build();
  }

  private static Map<String, String> labels(Map<String, String> extra) {
    Map<String, String> labels = new java.util.TreeMap<>(extra);
    labels.put(BOOTSTRAPPING, "rbac-defaults");
    return labels;
  }

  private static Subject group(String name) {
    return new SubjectBuilder().withApiGroup("rbac.authorization.k8s.io").withKind("Group")
        .withName(name).build();
  }

  private static ClusterRoleBinding binding(String role, Subject... subjects) {
    return new ClusterRoleBindingBuilder().withNewMetadata().withName(role)
        .withLabels(Map.of(BOOTSTRAPPING, "rbac-defaults"))
        .withAnnotations(Map.of(AUTOUPDATE, "true")).endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", role)
        .withSubjects(subjects).build();
  }
}
