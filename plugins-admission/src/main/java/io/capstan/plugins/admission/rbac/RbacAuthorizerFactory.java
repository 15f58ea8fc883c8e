package io.capstan.plugins.admission.rbac;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Scopes;
import io.capstan.spi.auth.Authorizer;
import io.capstan.spi.auth.AuthorizerFactory;

/**
 * Registers the {@link RbacAuthorizer} as authorizer {@code RBAC}. Needs from the host: the
 * {@code ApiClient}, the shared {@code InformerFactory} and the {@code TaskExecutor}.
 */
public final class RbacAuthorizerFactory implements AuthorizerFactory<RbacAuthorizerConfig> {

  @Override
  public String name() {
    return RbacAuthorizer.NAME;
  }

  @Override
  public String description() {
    return "Kubernetes RBAC: Roles, ClusterRoles and their bindings (with aggregation and the default roles)";
  }

  @Override
  public Class<RbacAuthorizerConfig> configType() {
    return RbacAuthorizerConfig.class;
  }

  @Override
  public Module module(RbacAuthorizerConfig config) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(RbacAuthorizerConfig.class).toInstance(config);
        bind(Authorizer.class).to(RbacAuthorizer.class).in(Scopes.SINGLETON);
      }
    };
  }
}
