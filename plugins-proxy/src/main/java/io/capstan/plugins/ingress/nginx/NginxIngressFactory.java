package io.capstan.plugins.ingress.nginx;

import static java.util.Objects.requireNonNull;

import com.google.inject.Module;
import io.capstan.spi.ingress.IngressControllerFactory;

/**
 * The {@code nginx} ingress controller ({@code ingress.controller: nginx}), registered in
 * {@code META-INF/services/io.capstan.spi.ingress.IngressControllerFactory}.
 */
public final class NginxIngressFactory implements IngressControllerFactory<NginxIngressConfig> {

  public static final String NAME = "nginx";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Renders nginx.conf from Ingress rules, validates it with nginx -t and reloads a supervised nginx";
  }

  @Override
  public Class<NginxIngressConfig> configType() {
    return NginxIngressConfig.class;
  }

  @Override
  public Module module(NginxIngressConfig config) {
    return new NginxIngressModule(requireNonNull(config, "config"));
  }
}
