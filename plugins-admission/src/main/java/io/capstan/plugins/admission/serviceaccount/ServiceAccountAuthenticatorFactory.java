package io.capstan.plugins.admission.serviceaccount;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Singleton;
import io.capstan.spi.auth.Authenticator;
import io.capstan.spi.auth.AuthenticatorFactory;
import io.capstan.spi.plugin.NoConfig;

/** Registers {@link ServiceAccountAuthenticator} as {@code service-account}. */
public final class ServiceAccountAuthenticatorFactory implements AuthenticatorFactory<NoConfig> {

  public static final String NAME = "service-account";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "bound service-account tokens (TokenRequest, kubectl create token), dead once the ServiceAccount is deleted";
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
        bind(Authenticator.class).to(ServiceAccountAuthenticator.class).in(Singleton.class);
      }
    };
  }
}
