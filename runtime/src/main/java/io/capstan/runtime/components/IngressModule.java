package io.capstan.runtime.components;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.capstan.runtime.config.LayeredConfig;
import io.capstan.runtime.ingress.IngressHost;
import io.capstan.runtime.proxy.ProxySettings;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.ingress.IngressController;
import java.time.Duration;

/** Wires the ingress component: the host feeding the {@code ingress.controller} plugin from informers. */
public final class IngressModule extends AbstractModule {

  @Provides
  @Singleton
  IngressHost ingressHost(InformerFactory informers, IngressController controller, Clock clock, TaskExecutor executor,
      LayeredConfig config) {
    return new IngressHost(informers, controller, clock, executor,
        duration(config, "ingress.minSyncPeriod", Duration.ofSeconds(1)),
        duration(config, "ingress.syncPeriod", Duration.ofSeconds(30)));
  }

  private static Duration duration(LayeredConfig config, String key, Duration fallback) {
    return config.get(key).map(v -> ProxySettings.parse(config, key, String.valueOf(v.value()))).orElse(fallback);
  }
}
