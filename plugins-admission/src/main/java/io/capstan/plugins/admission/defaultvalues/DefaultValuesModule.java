package io.capstan.plugins.admission.defaultvalues;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import io.capstan.spi.admission.AdmissionPlugin;

/** Binds the admission service to {@link DefaultValues}, the only thing the plugin offers. */
final class DefaultValuesModule extends AbstractModule {

  @Override
  protected void configure() {
    bind(AdmissionPlugin.class).to(DefaultValues.class).in(Scopes.SINGLETON);
  }
}
