package io.capstan.runtime.clock;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;

/**
 * Wires the {@code virtual} plugin: one {@link VirtualClock} and one {@link DeterministicExecutor}
 * per injector, bound both as the SPI interfaces and as themselves, so that a simulation driver can
 * inject the concrete executor to advance time while components see only {@link Clock} and {@link
 * TaskExecutor}. The kernel installs this inside a private module and exposes the SPI bindings; a
 * driver that needs the concrete types has them exposed by the simulation launcher.
 */
public final class VirtualClockModule extends AbstractModule {

  private final VirtualClockConfig config;

  public VirtualClockModule(VirtualClockConfig config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  protected void configure() {
    bind(VirtualClockConfig.class).toInstance(config);
    bind(Clock.class).to(VirtualClock.class);
    bind(TaskExecutor.class).to(DeterministicExecutor.class);
  }

  @Provides
  @Singleton
  VirtualClock clock(VirtualClockConfig config) {
    return new VirtualClock(config.epoch());
  }

  @Provides
  @Singleton
  DeterministicExecutor executor(VirtualClock clock, VirtualClockConfig config) {
    return new DeterministicExecutor(clock, config.seed());
  }
}
