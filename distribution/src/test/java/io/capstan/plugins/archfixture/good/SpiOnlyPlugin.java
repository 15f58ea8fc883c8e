package io.capstan.plugins.archfixture.good;

import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import java.time.Duration;

/** Satisfies the layer rules: reaches the host only through injected SPI interfaces. */
public final class SpiOnlyPlugin {

  private final Clock clock;
  private final TaskExecutor executor;

  public SpiOnlyPlugin(Clock clock, TaskExecutor executor) {
    this.clock = clock;
    this.executor = executor;
  }

  public void tick() {
    executor.schedule(Duration.ofSeconds(1), clock::now);
  }
}
