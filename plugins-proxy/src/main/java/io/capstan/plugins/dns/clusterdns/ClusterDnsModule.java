package io.capstan.plugins.dns.clusterdns;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import io.capstan.spi.dns.ClusterDns;

/** Binds one {@link ClusterDnsServer} as the {@link ClusterDns}. */
public final class ClusterDnsModule extends AbstractModule {

  private final ClusterDnsConfig config;

  public ClusterDnsModule(ClusterDnsConfig config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  protected void configure() {
    bind(ClusterDnsConfig.class).toInstance(config);
    bind(ClusterDnsServer.class).in(Singleton.class);
    bind(ClusterDns.class).to(ClusterDnsServer.class);
  }
}
