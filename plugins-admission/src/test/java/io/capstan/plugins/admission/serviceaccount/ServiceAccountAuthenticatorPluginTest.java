package io.capstan.plugins.admission.serviceaccount;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.plugins.admission.cluster.WiringOnly;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.auth.Authenticator;
import io.capstan.spi.auth.AuthenticatorFactory;
import io.capstan.spi.auth.ClusterTrust;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import java.util.List;

/** The kit's checks: name, registration, (no) settings, wiring against the host's trust, clock and client. */
class ServiceAccountAuthenticatorPluginTest extends AbstractPluginTest<NoConfig> {

  @Override
  protected PluginFactory<NoConfig> factory() {
    return new ServiceAccountAuthenticatorFactory();
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
        // The plugin resolves its client lazily, on the first token; wiring must not need one.
        bind(io.capstan.spi.client.InformerFactory.class).toInstance(WiringOnly.informers());
        bind(ApiClient.class).toProvider(() -> {
          throw new AssertionError("the client is resolved only when a token arrives");
        });
      }
    };
  }
}
