package io.capstan.plugins.controllers.resourcequota;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Scopes;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerFactory;
import io.capstan.spi.plugin.NoConfig;

/** Registers {@link ResourceQuotaController}. No settings. */
public final class ResourceQuotaControllerFactory implements ControllerFactory<NoConfig> {

  @Override
  public String name() {
    return ResourceQuotaController.NAME;
  }

  @Override
  public String description() {
    return "keeps ResourceQuota status.used equal to the namespace's real usage, so deletes release quota";
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
        bind(Controller.class).to(ResourceQuotaController.class).in(Scopes.SINGLETON);
      }
    };
  }
}
