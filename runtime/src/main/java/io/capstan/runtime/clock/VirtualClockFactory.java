package io.capstan.runtime.clock;

import static java.util.Objects.requireNonNull;

import com.google.inject.Module;
import io.capstan.spi.clock.ClockFactory;

/**
 * The {@code virtual} clock plugin: simulated time driven by hand or by a simulation driver, and a
 * single-threaded deterministic executor. Selected by {@code runtime.clock: virtual}; registered in
 * {@code META-INF/services/io.capstan.spi.clock.ClockFactory}.
 */
public final class VirtualClockFactory implements ClockFactory<VirtualClockConfig> {

  /** The name selected by {@code runtime.clock: virtual}. */
  public static final String NAME = "virtual";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Simulated time and a seeded single-threaded executor, for reproducible simulations";
  }

  @Override
  public Class<VirtualClockConfig> configType() {
    return VirtualClockConfig.class;
  }

  @Override
  public Module module(VirtualClockConfig config) {
    return new VirtualClockModule(requireNonNull(config, "config"));
  }
}
