package io.capstan.plugins.node.simulated;

import static java.util.Objects.requireNonNull;

import com.google.inject.Module;
import io.capstan.spi.node.ContainerRuntimeFactory;

/**
 * The {@code simulated} container runtime ({@code node.runtime: simulated}), registered in
 * {@code META-INF/services/io.capstan.spi.node.ContainerRuntimeFactory}.
 */
public final class SimulatedRuntimeFactory implements ContainerRuntimeFactory<SimulatedRuntimeConfig> {

  /** The name selected by {@code node.runtime: simulated}. */
  public static final String NAME = "simulated";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "KWOK-style containers without processes, driven by sim.capstan.io/* pod annotations";
  }

  @Override
  public Class<SimulatedRuntimeConfig> configType() {
    return SimulatedRuntimeConfig.class;
  }

  @Override
  public Module module(SimulatedRuntimeConfig config) {
    return new SimulatedRuntimeModule(requireNonNull(config, "config"));
  }
}
