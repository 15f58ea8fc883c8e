package io.capstan.plugins.controllers.clusterroleaggregation;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Scopes;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerFactory;
import io.capstan.spi.plugin.NoConfig;

/** Registers {@link ClusterRoleAggregation} as controller {@code clusterrole-aggregation}. */
public final class ClusterRoleAggregationFactory implements ControllerFactory<NoConfig> {

  @Override
  public String name() {
    return ClusterRoleAggregation.NAME;
  }

  @Override
  public String description() {
    return "fills the rules of ClusterRoles with an aggregationRule from the ClusterRoles it selects";
  }

  @Override
  public Class<NoConfig> configType() {
    return NoConfig.class;
  }

  @Override
  public Module module(NoConfig config) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(Controller.class).to(ClusterRoleAggregation.class).in(Scopes.SINGLETON);
      }
    };
  }
}
