package io.capstan.runtime.clock;

import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.ClockFactory;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import java.util.List;
import java.util.Map;

class WallClockPluginTest extends AbstractPluginTest<WallClockConfig> {

  @Override
  protected PluginFactory<WallClockConfig> factory() {
    return new WallClockFactory();
  }

  @Override
  @SuppressWarnings("rawtypes")
  protected Class<? extends PluginFactory> spiFactoryType() {
    return ClockFactory.class;
  }

  @Override
  protected List<Class<?>> serviceTypes() {
    return List.of(Clock.class, TaskExecutor.class);
  }

  @Override
  protected Map<String, Object> settings() {
    return Map.of("threads", "3");
  }
}
