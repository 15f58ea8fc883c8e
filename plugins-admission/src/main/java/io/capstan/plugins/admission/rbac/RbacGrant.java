package io.capstan.plugins.admission.rbac;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.rbac.Subject;

/**
 * One subject of one binding: "this binding gives that role to this subject". The policy cache
 * indexes grants by subject, so a request looks at the grants of its own user and groups only.
 *
 * @param bindingKind {@code ClusterRoleBinding} or {@code RoleBinding}
 * @param bindingName the binding's name
 * @param namespace the binding's namespace, {@code ""} for a ClusterRoleBinding
 * @param roleKind {@code ClusterRole} or {@code Role}
 * @param roleName the referenced role's name
 * @param subject the subject as written in the binding
 */
record RbacGrant(String bindingKind, String bindingName, String namespace, String roleKind,
    String roleName, Subject subject) {

  static final String CLUSTER_ROLE = "ClusterRole";
  static final String ROLE = "Role";

  RbacGrant {
    requireNonNull(bindingKind, "bindingKind");
    requireNonNull(bindingName, "bindingName");
    requireNonNull(namespace, "namespace");
    requireNonNull(roleKind, "roleKind");
    requireNonNull(roleName, "roleName");
    requireNonNull(subject, "subject");
  }

  /**
   * Kubernetes' description of the grant, as in its decision reasons: {@code ClusterRoleBinding
   * "x" of ClusterRole "y" to User "z"}, {@code RoleBinding "x/ns" of Role "y" to ServiceAccount
   * "sa/ns"}.
   */
  String describe() {
    String binding = namespace.isEmpty() ? bindingName : bindingName + "/" + namespace;
    return bindingKind + " \"" + binding + "\" of " + roleKind + " \"" + roleName + "\" to "
        + describeSubject();
  }

  private String describeSubject() {
    if ("ServiceAccount".equals(subject.getKind())) {
      String ns = subject.getNamespace() == null || subject.getNamespace().isEmpty()
          ? namespace : subject.getNamespace();
      return "ServiceAccount \"" + subject.getName() + "/" + ns + "\"";
    }
    return subject.getKind() + " \"" + subject.getName() + "\"";
  }
}
