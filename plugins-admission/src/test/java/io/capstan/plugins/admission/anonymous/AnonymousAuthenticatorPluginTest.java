package io.capstan.plugins.admission.anonymous;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.auth.Authenticator;
import io.capstan.spi.auth.AuthenticatorFactory;
import io.capstan.spi.auth.ClusterTrust;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import java.util.List;

/** The kit's checks: name, registration, (no) settings, wiring. */
class AnonymousAuthenticatorPluginTest extends AbstractPluginTest<NoConfig> {

  @Override
  protected PluginFactory<NoConfig> factory() {
    return new AnonymousAuthenticatorFactory();
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
  protected Module hostModule() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(ClusterTrust.class).toInstance(ClusterTrust.NONE);
        bind(Clock.class).toInstance(new WallClock());
      }
    };
  }
}
