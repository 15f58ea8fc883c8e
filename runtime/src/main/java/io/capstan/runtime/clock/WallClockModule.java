package io.capstan.runtime.clock;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import java.time.Duration;

/**
 * Wires the {@code wall} plugin: one {@link WallClock} and one {@link PooledTaskExecutor} per
 * injector. The kernel installs this inside a private module and exposes the {@link Clock} and
 * {@link TaskExecutor} bindings itself, so this module only binds.
 *
 * <p>Creating the pool starts no thread: the pool starts its threads on the first submission, and
 * the kernel closes it through {@link io.capstan.spi.plugin.Lifecycle} on shutdown.
 */
public final class WallClockModule extends AbstractModule {

  /** Long enough for short tasks to finish, short enough that Ctrl-C still feels immediate. */
  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);

  private final WallClockConfig config;

  public WallClockModule(WallClockConfig config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  protected void configure() {
    bind(WallClockConfig.class).toInstance(config);
    bind(TaskExecutor.class).to(PooledTaskExecutor.class);
  }

  @Provides
  @Singleton
  Clock clock() {
    return new WallClock();
  }

  @Provides
  @Singleton
  PooledTaskExecutor executor(WallClockConfig config) {
    return new PooledTaskExecutor(config.threads(), SHUTDOWN_GRACE);
  }
}
