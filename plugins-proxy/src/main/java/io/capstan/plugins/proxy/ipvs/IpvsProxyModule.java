package io.capstan.plugins.proxy.ipvs;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import io.capstan.spi.proxy.ServiceProxy;

/** Wires the {@code ipvs} mode: one {@link IpvsProxy} bound as {@link ServiceProxy}. */
public final class IpvsProxyModule extends AbstractModule {

  private final IpvsProxyConfig config;

  public IpvsProxyModule(IpvsProxyConfig config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  protected void configure() {
    bind(IpvsProxyConfig.class).toInstance(config);
    bind(IpvsProxy.class).in(Singleton.class);
    bind(ServiceProxy.class).to(IpvsProxy.class);
  }
}
