package io.capstan.plugins.ingress.builtin;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import io.capstan.spi.ingress.IngressController;

/** Binds one {@link BuiltinIngressController} as the {@link IngressController}. */
public final class BuiltinIngressModule extends AbstractModule {

  private final BuiltinIngressConfig config;

  public BuiltinIngressModule(BuiltinIngressConfig config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  protected void configure() {
    bind(BuiltinIngressConfig.class).toInstance(config);
    bind(BuiltinIngressController.class).in(Singleton.class);
    bind(IngressController.class).to(BuiltinIngressController.class);
  }
}
