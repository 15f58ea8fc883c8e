package io.capstan.plugins.admission.rbac;

/**
 * Settings of the {@code RBAC} authorizer, bound from {@code apiserver.authorization.RBAC.*}.
 *
 * @param bootstrapPolicy whether the authorizer writes Kubernetes' default ClusterRoles and
 *     ClusterRoleBindings on start (default {@code true}); switch off only when something else
 *     provides them
 */
public record RbacAuthorizerConfig(Boolean bootstrapPolicy) {

  public RbacAuthorizerConfig {
    bootstrapPolicy = bootstrapPolicy == null ? Boolean.TRUE : bootstrapPolicy;
  }

  public static RbacAuthorizerConfig defaults() {
    return new RbacAuthorizerConfig(null);
  }
}
