package io.capstan.plugins.ingress.builtin;

import static java.util.Objects.requireNonNull;

import com.google.inject.Module;
import io.capstan.spi.ingress.IngressControllerFactory;

/**
 * The {@code builtin} ingress controller ({@code ingress.controller: builtin}, the default),
 * registered in {@code META-INF/services/io.capstan.spi.ingress.IngressControllerFactory}.
 */
public final class BuiltinIngressFactory implements IngressControllerFactory<BuiltinIngressConfig> {

  public static final String NAME = "builtin";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Jetty reverse proxy serving Ingress rules with Kubernetes' host and path semantics";
  }

  @Override
  public Class<BuiltinIngressConfig> configType() {
    return BuiltinIngressConfig.class;
  }

  @Override
  public Module module(BuiltinIngressConfig config) {
    return new BuiltinIngressModule(requireNonNull(config, "config"));
  }
}
