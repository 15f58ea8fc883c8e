package io.capstan.runtime.apiserver.validation;

import io.fabric8.kubernetes.api.model.rbac.AggregationRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;

/**
 * RBAC objects: Kubernetes' {@code ValidatePolicyRule}, {@code ValidateRoleBinding} and
 * {@code ValidateRoleBindingSubject} (pkg/apis/rbac/validation/validation.go, 1.32). A subject's
 * {@code apiGroup} and a roleRef's are defaulted by Kubernetes and read with their defaults here.
 * Stateless.
 */
final class RbacValidation {

  static final String GROUP = "rbac.authorization.k8s.io";

  private RbacValidation() {}

  static void rules(List<PolicyRule> rules, boolean namespaced, FieldErrors errs) {
    List<PolicyRule> all = rules == null ? List.of() : rules;
    for (int i = 0; i < all.size(); i++) {
      rule(all.get(i), namespaced, FieldPath.root("rules").index(i), errs);
    }
  }

  static void aggregation(AggregationRule rule, FieldErrors errs) {
    if (rule != null && (rule.getClusterRoleSelectors() == null || rule.getClusterRoleSelectors().isEmpty())) {
      errs.required(FieldPath.of("aggregationRule", "clusterRoleSelectors"),
          "at least one clusterRoleSelector required if aggregationRule is non-nil");
    }
    if (rule != null && rule.getClusterRoleSelectors() != null) {
      for (int i = 0; i < rule.getClusterRoleSelectors().size(); i++) {
        SelectorValidation.validate(rule.getClusterRoleSelectors().get(i),
            FieldPath.of("aggregationRule", "clusterRoleSelectors").index(i), errs);
      }
    }
  }

  private static void rule(PolicyRule rule, boolean namespaced, FieldPath path, FieldErrors errs) {
    if (empty(rule.getVerbs())) {
      errs.required(path.child("verbs"), "verbs must contain at least one value");
    }
    if (!empty(rule.getNonResourceURLs())) {
      if (namespaced) {
        errs.invalid(path.child("nonResourceURLs"), rule.getNonResourceURLs(), "namespaced rules cannot apply to non-resource URLs");
      }
      if (!empty(rule.getApiGroups()) || !empty(rule.getResources()) || !empty(rule.getResourceNames())) {
        errs.invalid(path.child("nonResourceURLs"), rule.getNonResourceURLs(),
            "rules cannot apply to both regular resources and non-resource URLs");
      }
      return;
    }
    if (empty(rule.getApiGroups())) {
      errs.required(path.child("apiGroups"), "resource rules must supply at least one api group");
    }
    if (empty(rule.getResources())) {
      errs.required(path.child("resources"), "resource rules must supply at least one resource");
    }
  }

  /** A RoleBinding's or ClusterRoleBinding's roleRef and subjects. */
  static void binding(RoleRef ref, List<Subject> subjects, boolean namespaced, FieldErrors errs) {
    RoleRef r = ref == null ? new RoleRef() : ref;
    String apiGroup = MetaValidation.text(r.getApiGroup());
    if (!apiGroup.isEmpty() && !apiGroup.equals(GROUP)) {
      errs.notSupported(FieldPath.of("roleRef", "apiGroup"), apiGroup, List.of(GROUP));
    }
    String kind = MetaValidation.text(r.getKind());
    List<String> kinds = namespaced ? List.of("Role", "ClusterRole") : List.of("ClusterRole");
    if (!kinds.contains(kind)) {
      errs.notSupported(FieldPath.of("roleRef", "kind"), kind, kinds);
    }
    String name = MetaValidation.text(r.getName());
    if (name.isEmpty()) {
      errs.required(FieldPath.of("roleRef", "name"), "");
    } else {
      errs.invalidEach(FieldPath.of("roleRef", "name"), name, NameRules.pathSegmentName(name, false));
    }
    List<Subject> all = subjects == null ? List.of() : subjects;
    for (int i = 0; i < all.size(); i++) {
      subject(all.get(i), namespaced, FieldPath.root("subjects").index(i), errs);
    }
  }

  /** A binding's roleRef may not change. */
  static void bindingUpdate(RoleRef ref, RoleRef old, FieldErrors errs) {
    if (!Semantic.equal(withDefaultGroup(ref), withDefaultGroup(old))) {
      errs.invalid(FieldPath.root("roleRef"), ref, "cannot change roleRef");
    }
  }

  private static void subject(Subject s, boolean namespaced, FieldPath path, FieldErrors errs) {
    String name = MetaValidation.text(s.getName());
    if (name.isEmpty()) {
      errs.required(path.child("name"), "");
    }
    String kind = MetaValidation.text(s.getKind());
    String apiGroup = MetaValidation.text(s.getApiGroup());
    switch (kind) {
      case "ServiceAccount" -> {
        if (!name.isEmpty()) {
          errs.invalidEach(path.child("name"), name, NameRules.dns1123Subdomain(name));
        }
        if (!apiGroup.isEmpty()) {
          errs.notSupported(path.child("apiGroup"), apiGroup, List.of(""));
        }
        if (!namespaced && MetaValidation.text(s.getNamespace()).isEmpty()) {
          errs.required(path.child("namespace"), "");
        }
      }
      case "User", "Group" -> {
        if (!apiGroup.isEmpty() && !apiGroup.equals(GROUP)) {
          errs.notSupported(path.child("apiGroup"), apiGroup, List.of(GROUP));
        }
      }
      default -> errs.notSupported(path.child("kind"), kind, List.of("ServiceAccount", "User", "Group"));
    }
  }

  private static RoleRef withDefaultGroup(RoleRef ref) {
    RoleRef r = ref == null ? new RoleRef() : new RoleRef(ref.getApiGroup(), ref.getKind(), ref.getName());
    if (r.getApiGroup() == null || r.getApiGroup().isEmpty()) {
      r.setApiGroup(GROUP);
    }
    return r;
  }

  private static boolean empty(List<?> list) {
    return list == null || list.isEmpty();
  }
}
