package io.capstan.runtime.clock;

import static java.util.Objects.requireNonNull;

import com.google.inject.Module;
import io.capstan.spi.clock.ClockFactory;

/**
 * The {@code wall} clock plugin, the default of {@code runtime.clock}: real time and a small shared
 * thread pool. Registered in {@code META-INF/services/io.capstan.spi.clock.ClockFactory}.
 */
public final class WallClockFactory implements ClockFactory<WallClockConfig> {

  /** The name selected by {@code runtime.clock: wall}. */
  public static final String NAME = "wall";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Real time; tasks run on a small shared pool of capstan-exec threads";
  }

  @Override
  public Class<WallClockConfig> configType() {
    return WallClockConfig.class;
  }

  @Override
  public Module module(WallClockConfig config) {
    return new WallClockModule(requireNonNull(config, "config"));
  }
}
