package io.capstan.plugins.proxy.userspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.spi.proxy.ServiceProxy;
import io.capstan.spi.proxy.ServiceProxyFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code userspace} plugin built the way the kernel builds it, from a settings map. */
class UserspacePluginTest extends AbstractPluginTest<UserspaceProxyConfig> {

  @Override
  protected PluginFactory<UserspaceProxyConfig> factory() {
    return new UserspaceProxyFactory();
  }

  @Override
  @SuppressWarnings("rawtypes")
  protected Class<? extends PluginFactory> spiFactoryType() {
    return ServiceProxyFactory.class;
  }

  @Override
  protected List<Class<?>> serviceTypes() {
    return List.of(ServiceProxy.class);
  }

  @Override
  protected Map<String, Object> settings() {
    return Map.of("bindAddress", "127.0.0.2", "portsFile", "data/proxy-ports.tsv", "connectTimeout", "250ms",
        "udpIdleTimeout", "2s");
  }

  @Override
  protected Module hostModule() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(Clock.class).toInstance(new WallClock());
      }
    };
  }

  @Test
  void settingsMapOntoEveryFieldAndDefaultsAreLoopback() {
    UserspaceProxyConfig config = bindSettings(settings());
    assertThat(config.bindAddress()).isEqualTo("127.0.0.2");
    assertThat(config.portsFile()).isEqualTo("data/proxy-ports.tsv");
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.udpIdleTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(UserspaceProxyConfig.defaults().udpIdleTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(bindSettings(Map.of())).isEqualTo(UserspaceProxyConfig.defaults());
    assertThat(UserspaceProxyConfig.defaults().bindAddress()).isEqualTo("127.0.0.1");
  }
}
