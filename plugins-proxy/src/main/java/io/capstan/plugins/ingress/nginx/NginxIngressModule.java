package io.capstan.plugins.ingress.nginx;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import io.capstan.spi.ingress.IngressController;

/** Binds one {@link NginxIngressController} as the {@link IngressController}. */
public final class NginxIngressModule extends AbstractModule {

  private final NginxIngressConfig config;

  public NginxIngressModule(NginxIngressConfig config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  protected void configure() {
    bind(NginxIngressConfig.class).toInstance(config);
    bind(NginxIngressController.class).in(Singleton.class);
    bind(IngressController.class).to(NginxIngressController.class);
  }
}
