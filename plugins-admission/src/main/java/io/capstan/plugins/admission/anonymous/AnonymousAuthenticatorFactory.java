package io.capstan.plugins.admission.anonymous;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.auth.Authenticator;
import io.capstan.spi.auth.AuthenticatorFactory;
import io.capstan.spi.plugin.NoConfig;

/** Registers {@link AnonymousAuthenticator} as {@code anonymous} (off unless listed in apiserver.authentication). */
public final class AnonymousAuthenticatorFactory implements AuthenticatorFactory<NoConfig> {

  public static final String NAME = "anonymous";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "requests without credentials act as system:anonymous (group system:unauthenticated)";
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
        bind(Authenticator.class).to(AnonymousAuthenticator.class);
      }
    };
  }
}
