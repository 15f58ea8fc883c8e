package io.capstan.plugins.admission.resourcequota;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Scopes;
import io.capstan.spi.admission.AdmissionPlugin;
import io.capstan.spi.admission.AdmissionPluginFactory;
import io.capstan.spi.plugin.NoConfig;

/** Registers {@link ResourceQuota}. No settings: the quotas are ResourceQuota objects. */
public final class ResourceQuotaFactory implements AdmissionPluginFactory<NoConfig> {

  @Override
  public String name() {
    return ResourceQuota.NAME;
  }

  @Override
  public String description() {
    return "charges creates to the namespace's ResourceQuotas (status.used, compare-and-swap) and refuses what would exceed them";
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
        bind(AdmissionPlugin.class).to(ResourceQuota.class).in(Scopes.SINGLETON);
      }
    };
  }
}
