package io.capstan.plugins.admission.serviceaccount;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Scopes;
import io.capstan.spi.admission.AdmissionPlugin;
import io.capstan.spi.admission.AdmissionPluginFactory;
import io.capstan.spi.plugin.NoConfig;

/** Registers {@link ServiceAccount}. No settings. */
public final class ServiceAccountFactory implements AdmissionPluginFactory<NoConfig> {

  @Override
  public String name() {
    return ServiceAccount.NAME;
  }

  @Override
  public String description() {
    return "sets the default ServiceAccount on pods and refuses pods whose ServiceAccount does not exist";
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
        bind(AdmissionPlugin.class).to(ServiceAccount.class).in(Scopes.SINGLETON);
      }
    };
  }
}
