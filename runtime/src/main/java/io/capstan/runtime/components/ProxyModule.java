package io.capstan.runtime.components;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.capstan.runtime.config.LayeredConfig;
import io.capstan.runtime.proxy.ProxyHost;
import io.capstan.runtime.proxy.ProxySettings;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.proxy.ServiceProxy;

/** Wires the proxy component: the host feeding the {@code proxy.mode} plugin from Service and Endpoints informers. */
public final class ProxyModule extends AbstractModule {

  @Provides
  @Singleton
  ProxySettings proxySettings(LayeredConfig config) {
    return ProxySettings.from(config);
  }

  @Provides
  @Singleton
  ProxyHost proxyHost(InformerFactory informers, ServiceProxy proxy, Clock clock, TaskExecutor executor, ProxySettings settings) {
    return new ProxyHost(informers, proxy, clock, executor, settings);
  }
}
