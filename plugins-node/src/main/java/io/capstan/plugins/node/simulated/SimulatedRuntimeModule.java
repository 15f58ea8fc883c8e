package io.capstan.plugins.node.simulated;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import io.capstan.spi.node.ContainerRuntime;

/**
 * Binds {@link ContainerRuntime} to {@link SimulatedRuntime} <em>unscoped</em>, as the SPI asks:
 * the node host gets one instance per node. Clock and executor come from the host.
 */
final class SimulatedRuntimeModule extends AbstractModule {

  private final SimulatedRuntimeConfig config;

  SimulatedRuntimeModule(SimulatedRuntimeConfig config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  protected void configure() {
    bind(SimulatedRuntimeConfig.class).toInstance(config);
    bind(ContainerRuntime.class).to(SimulatedRuntime.class);
  }
}
