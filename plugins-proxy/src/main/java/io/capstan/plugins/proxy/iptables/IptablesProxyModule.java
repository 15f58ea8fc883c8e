package io.capstan.plugins.proxy.iptables;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.capstan.spi.proxy.ServiceProxy;

/** Binds the {@code iptables} proxy as the {@link ServiceProxy}, deciding once whether it may apply rules. */
public final class IptablesProxyModule extends AbstractModule {

  private final IptablesProxyConfig config;

  public IptablesProxyModule(IptablesProxyConfig config) {
    this.config = requireNonNull(config, "config");
  }

  @Provides
  @Singleton
  ServiceProxy proxy() {
    boolean applying = switch (config.apply()) {
      case "always" -> true;
      case "never" -> false;
      default -> IptablesProxy.canApply(config);
    };
    return new IptablesProxy(config, applying);
  }
}
