package io.capstan.plugins.admission.alwaysallow;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Scopes;
import io.capstan.spi.auth.Authorizer;
import io.capstan.spi.auth.AuthorizerFactory;
import io.capstan.spi.plugin.NoConfig;

/** Registers {@link AlwaysAllow} as authorizer {@code AlwaysAllow}; no settings. */
public final class AlwaysAllowFactory implements AuthorizerFactory<NoConfig> {

  @Override
  public String name() {
    return AlwaysAllow.NAME;
  }

  @Override
  public String description() {
    return "allows every request (experiments only)";
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
        bind(Authorizer.class).to(AlwaysAllow.class).in(Scopes.SINGLETON);
      }
    };
  }
}
