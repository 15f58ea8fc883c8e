package io.capstan.plugins.proxy.userspace;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import io.capstan.spi.proxy.ServiceProxy;

/** Binds one {@link UserspaceProxy} as the {@link ServiceProxy}; it injects the host's Clock. */
public final class UserspaceProxyModule extends AbstractModule {

  private final UserspaceProxyConfig config;

  public UserspaceProxyModule(UserspaceProxyConfig config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  protected void configure() {
    bind(UserspaceProxyConfig.class).toInstance(config);
    bind(UserspaceProxy.class).in(Singleton.class);
    bind(ServiceProxy.class).to(UserspaceProxy.class);
  }
}
