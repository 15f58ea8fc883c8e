package io.capstan.plugins.node.process;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import io.capstan.spi.node.ContainerRuntime;

/**
 * Binds {@link ContainerRuntime} to {@link ProcessRuntime} <em>unscoped</em>, as the SPI asks: the
 * node host gets one instance per node; instances sharing a data directory claim separate slots.
 * Clock and executor come from the host.
 */
final class ProcessRuntimeModule extends AbstractModule {

  private final ProcessRuntimeConfig config;

  ProcessRuntimeModule(ProcessRuntimeConfig config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  protected void configure() {
    bind(ProcessRuntimeConfig.class).toInstance(config);
    bind(ContainerRuntime.class).to(ProcessRuntime.class);
  }
}
