package io.capstan.plugins.admission.x509;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Singleton;
import io.capstan.spi.auth.Authenticator;
import io.capstan.spi.auth.AuthenticatorFactory;
import io.capstan.spi.plugin.NoConfig;

/** Registers {@link X509Authenticator} as {@code x509}. */
public final class X509AuthenticatorFactory implements AuthenticatorFactory<NoConfig> {

  public static final String NAME = "x509";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "TLS client certificates signed by the cluster CA: CN is the user, O the groups";
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
        bind(Authenticator.class).to(X509Authenticator.class).in(Singleton.class);
      }
    };
  }
}
