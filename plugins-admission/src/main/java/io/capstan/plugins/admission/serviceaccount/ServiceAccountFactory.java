package io.capstan.plugins.admission.serviceaccount;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Scopes;
import io.capstan.spi.admission.AdmissionPlugin;
import io.capstan.spi.admission.AdmissionPluginFactory;

/** Registers {@link ServiceAccount}, configured by {@link ServiceAccountConfig}. */
public final class ServiceAccountFactory implements AdmissionPluginFactory<ServiceAccountConfig> {

  @Override
  public String name() {
    return ServiceAccount.NAME;
  }

  @Override
  public String description() {
    return "sets the default ServiceAccount on pods and refuses pods whose ServiceAccount does not exist";
  }

  @Override
  public Class<ServiceAccountConfig> configType() {
    return ServiceAccountConfig.class;
  }

  @Override
  public Module module(ServiceAccountConfig config) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(ServiceAccountConfig.class).toInstance(config);
        bind(AdmissionPlugin.class).to(ServiceAccount.class).in(Scopes.SINGLETON);
      }
    };
  }
}
