package io.capstan.plugins.admission.tokenfile;

import io.capstan.spi.auth.Authenticator;
import io.capstan.spi.auth.AuthenticatorFactory;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import java.util.List;
import java.util.Map;

/** The kit's checks: name, registration, settings ({@code path}, empty by default), wiring. */
class TokenFileAuthenticatorPluginTest extends AbstractPluginTest<TokenFileConfig> {

  @Override
  protected PluginFactory<TokenFileConfig> factory() {
    return new TokenFileAuthenticatorFactory();
  }

  @Override
  @SuppressWarnings("rawtypes")
  protected Class<? extends PluginFactory> spiFactoryType() {
    return AuthenticatorFactory.class;
  }

  @Override
  protected List<Class<?>> serviceTypes() {
    return List.of(Authenticator.class);
  }

  @Override
  protected Map<String, Object> settings() {
    return Map.of("path", "");
  }
}
